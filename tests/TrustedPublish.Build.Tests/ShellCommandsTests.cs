using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.Rules.Workflows;

namespace TrustedPublish.Build.Tests;

/// <summary>The shell reader: which words of a script are commands, and where each command starts.</summary>
[TestClass]
public sealed class ShellCommandsTests
{
    /// <summary>Each command as its word values joined by '|', in script order.</summary>
    private static string Read(string script) =>
        string.Join(" ; ", ShellCommands.Read(script).Select(c => string.Join("|", c.Words.Select(w => w.Value))));

    [TestMethod]
    [DataRow("a 1; b 2 && c || d | e & f\ng", "a|1 ; b|2 ; c ; d ; e ; f ; g")]
    [DataRow("a |& b; c;; d", "a ; b ; c ; d")]
    [DataRow("(cd x; npm publish) && { npm test; }", "cd|x ; npm|publish ; npm|test")]
    [DataRow("(cd x) > log; y", "cd|x ; y")]
    public void Separators_EachStartACommand(string script, string expected)
    {
        Assert.AreEqual(expected, Read(script));
    }

    [TestMethod]
    [DataRow("if npm test; then npm publish; elif b; then c; else echo no; fi", "npm|test ; npm|publish ; b ; c ; echo|no")]
    [DataRow("while read p; do npm publish \"$p\"; done < list", "read|p ; npm|publish|$p")]
    [DataRow("until false\ndo\n  x\ndone", "false ; x")]
    [DataRow("for p in npm publish; do echo $p; done", "echo|$p")]
    [DataRow("for ((i=0; i<3; i++)); do x; done", "x")]
    [DataRow("! npm test", "npm|test")]
    [DataRow("echo if then fi", "echo|if|then|fi")]
    [DataRow("\"if\" x", "if|x")]
    public void Keywords_CountOnlyAtCommandPosition(string script, string expected)
    {
        Assert.AreEqual(expected, Read(script));
    }

    [TestMethod]
    public void Case_PatternsAreNotCommands_BranchesAre()
    {
        Assert.AreEqual("npm|publish ; echo|other ; after", Read("case $x in\n  a|npm) npm publish ;;\n  (*) echo other ;;\nesac\nafter"));
        Assert.AreEqual("x ; y", Read("case a in a) case b in b) x;; esac;; esac; y"));
    }

    [TestMethod]
    [DataRow("echo \"npm publish\" 'npm publish'", "echo|npm publish|npm publish")]
    [DataRow("echo \"a 'b' \\\"c\\\" \\$d \\n\"", "echo|a 'b' \"c\" $d \\n")]
    [DataRow("echo 'a \"b\" \\n'", "echo|a \"b\" \\n")]
    [DataRow("echo $'it\\'s'", "echo|it's")]
    [DataRow("np'm' \"pub\"lish", "npm|publish")]
    [DataRow("echo \"unterminated npm publish", "echo|unterminated npm publish")]
    public void Quotes_AreOneWordWithoutTheirQuotes(string script, string expected)
    {
        Assert.AreEqual(expected, Read(script));
    }

    [TestMethod]
    [DataRow("npm\\ publish", "npm publish")]
    [DataRow("echo \\; npm publish", "echo|;|npm|publish")]
    [DataRow("echo \\# npm publish", "echo|#|npm|publish")]
    [DataRow("npm \\\n  publish \\\n  --access public", "npm|publish|--access|public")]
    [DataRow("np\\\nm publish", "npm|publish")]
    public void EscapesAndContinuations(string script, string expected)
    {
        Assert.AreEqual(expected, Read(script));
    }

    [TestMethod]
    [DataRow("# npm publish\nnpm test # npm publish\necho a#b", "npm|test ; echo|a#b")]
    [DataRow("  # npm publish", "")]
    [DataRow("echo x;# npm publish", "echo|x")]
    [DataRow("echo ${#x} $#", "echo|${#x}|$#")]
    public void Comments_StartOnlyAtAWord(string script, string expected)
    {
        Assert.AreEqual(expected, Read(script));
    }

    [TestMethod]
    [DataRow("cat <<EOF > notes\nnpm publish\nEOF\nnpm test", "cat ; npm|test")]
    [DataRow("cat <<'EOF'\nnpm publish $(x)\nEOF\nnpm test", "cat ; npm|test")]
    [DataRow("cat <<\"END\" | sh\nnpm publish\nEND\n", "cat ; sh")]
    [DataRow("cat <<-EOF\n\tnpm publish\n\tEOF\nnpm test", "cat ; npm|test")]
    [DataRow("cat <<A <<B\nnpm publish\nA\nnpm publish\nB\nnpm test", "cat ; npm|test")]
    [DataRow("cat <<EOF\nnpm publish\n", "cat")]
    [DataRow("cat <<< 'npm publish'; y", "cat ; y")]
    public void Heredocs_AreTextNotCommands(string script, string expected)
    {
        Assert.AreEqual(expected, Read(script));
    }

    [TestMethod]
    public void Assignments_AndPrefixes_AreSkippedToTheProgram()
    {
        var command = ShellCommands.Read("FOO=1 BAR=\"a b\" npm publish").Single();
        Assert.AreEqual("npm|publish", string.Join("|", command.Words.Select(w => w.Value)));
        Assert.AreEqual("FOO=1|BAR=a b", string.Join("|", command.Assignments.Select(w => w.Value)));
        Assert.AreEqual(17, command.Column);

        Assert.AreEqual("npm|publish", Read("env -u X FOO=1 sudo -E -u root X=2 exec time -p nohup npm publish"));
        Assert.AreEqual("command|-v|npm", Read("command -v npm"));
        Assert.AreEqual("npm|publish", Read("command npm publish"));
        Assert.AreEqual("", Read("FOO=bar"));
        Assert.AreEqual("FOO=1|npm", Read("\"FOO\"=1 npm"), "a quoted name is not an assignment");
        Assert.AreEqual("x", Read("arr=(npm publish) x"), "an array assignment is one word");
        Assert.AreEqual("ls|!(npm)", Read("ls !(npm)"), "an extglob pattern is one word");
    }

    [TestMethod]
    [DataRow("npm publish 2>&1 >out.log </dev/null", "npm|publish")]
    [DataRow(">log npm publish", "npm|publish")]
    [DataRow("npm publish &>/dev/null; y", "npm|publish ; y")]
    [DataRow("x {fd}>f y", "x|y")]
    [DataRow("[[ -n $x && -z $y ]] && npm publish", "npm|publish")]
    [DataRow("[[ $a < $b ]] || x", "x")]
    public void Redirections_AndTests_AreNotWords(string script, string expected)
    {
        Assert.AreEqual(expected, Read(script));
    }

    [TestMethod]
    [DataRow("v=$(node -p 'require(\"./package.json\").version') npm publish", "node|-p|require(\"./package.json\").version ; npm|publish")]
    [DataRow("echo \"$(npm publish)\"", "echo|$(...) ; npm|publish")]
    [DataRow("echo `npm whoami` done", "echo|`...`|done ; npm|whoami")]
    [DataRow("echo \"`date`\"", "echo|`...` ; date")]
    [DataRow("x=$(echo $(echo npm) \"$(y)\")", "echo|$(...)|$(...) ; echo|npm ; y")]
    [DataRow("diff <(npm view x) b", "diff|<(...)|b ; npm|view|x")]
    [DataRow("echo $((1 + 2)) ${x:-$y}", "echo|$((...))|${x:-$y}")]
    [DataRow("(( i++ )); npm publish", "npm|publish")]
    [DataRow("x=$(case a in a) echo in;; esac)", "echo|in")]
    public void Substitutions_AreCommandsInsideAWord(string script, string expected)
    {
        Assert.AreEqual(expected, Read(script));
    }

    [TestMethod]
    public void FunctionDefinitions_BodyIsCommandsNameIsNot()
    {
        Assert.AreEqual("npm|publish ; release", Read("release() { npm publish; }\nrelease"));
        Assert.AreEqual("npm|publish", Read("function release {\n  npm publish\n}"));
    }

    [TestMethod]
    public void Positions_AreTheProgramsLineAndColumnInTheScript()
    {
        var commands = ShellCommands.Read("echo a\n  FOO=1 npm publish \\\n    --access public # x\n\tx");
        Assert.AreEqual("1:1 2:9 4:2", string.Join(" ", commands.Select(c => $"{c.Line}:{c.Column}")));
        Assert.AreEqual("npm publish --access public", commands[1].Text);
    }

    [TestMethod]
    public void Text_IsTheWordsAsWritten()
    {
        Assert.AreEqual("npm publish --tag \"$DIST_TAG\" --registry https://registry.npmjs.org/", ShellCommands.Read("npm publish --tag \"$DIST_TAG\"  --registry https://registry.npmjs.org/ 2>&1").Single().Text);
    }

    [TestMethod]
    [DataRow("$(")]
    [DataRow("`")]
    [DataRow("\\")]
    [DataRow("'")]
    [DataRow("$'")]
    [DataRow("a)")]
    [DataRow("<<")]
    [DataRow("case")]
    [DataRow("[[")]
    [DataRow("))((")]
    public void MalformedScripts_DoNotThrow(string script)
    {
        ShellCommands.Read(script);
        ShellCommands.Read(script + " npm publish\n" + script);
    }

    /// <summary>Nesting deeper than <see cref="ShellCommands.MaxNesting"/> is skipped, not followed: no stack grows with the input.</summary>
    [TestMethod]
    [Timeout(5000)]
    public void DeepNesting_IsBounded()
    {
        var deep = new StringBuilder();
        for (var i = 0; i < 20000; i++)
        {
            deep.Append("$(echo ");
        }

        deep.Append("npm publish").Append(')', 20000).Append("; npm test");
        var commands = ShellCommands.Read(deep.ToString());
        Assert.AreEqual("npm|test", string.Join("|", commands.Last().Words.Select(w => w.Value)));
        Assert.AreEqual(ShellCommands.MaxNesting - 1, commands.Count(c => c.Words[0].Value == "echo"));
    }
}

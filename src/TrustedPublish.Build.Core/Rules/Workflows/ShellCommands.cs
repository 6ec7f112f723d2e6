using System;
using System.Collections.Generic;
using System.Text;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>One word of a shell command: its value without quotes and escapes, and where it is in the script.</summary>
internal sealed class ShellWord
{
    public ShellWord(string value, int start, int end, bool quoted)
    {
        Value = value;
        Start = start;
        End = end;
        Quoted = quoted;
    }

    /// <summary>Quotes and escapes removed; expansions ($VAR, $(...)) are left as written, since their value is unknown here.</summary>
    public string Value { get; }

    /// <summary>Offset of the word's first character in the script.</summary>
    public int Start { get; }

    /// <summary>Offset one past its last character.</summary>
    public int End { get; }

    /// <summary>Some part was quoted or escaped: such a word is never a keyword or an assignment.</summary>
    public bool Quoted { get; }

    public override string ToString() => Value;
}

/// <summary>A simple command: the program and its arguments, after assignments and env/sudo/exec/command/time prefixes.</summary>
internal sealed class ShellCommand
{
    public ShellCommand(IReadOnlyList<ShellWord> words, IReadOnlyList<ShellWord> assignments, string text, int line, int column)
    {
        Words = words;
        Assignments = assignments;
        Text = text;
        Line = line;
        Column = column;
    }

    /// <summary>The program first, then its arguments; redirections and their targets are left out.</summary>
    public IReadOnlyList<ShellWord> Words { get; }

    /// <summary>NAME=value words before the program (and those handed to env or sudo).</summary>
    public IReadOnlyList<ShellWord> Assignments { get; }

    /// <summary>The words as written (quotes kept), joined by single spaces.</summary>
    public string Text { get; }

    /// <summary>Offset of the program's word in the script.</summary>
    public int Start => Words[0].Start;

    /// <summary>1-based line of the program's word in the script.</summary>
    public int Line { get; }

    /// <summary>1-based column of the program's word in the script.</summary>
    public int Column { get; }

    public override string ToString() => Text;
}

/// <summary>
/// Splits a bash script into its simple commands, so that a caller can ask what a script runs instead of
/// what text it contains: "npm publish" inside an echo, a comment, a heredoc or a script name is not a
/// command. One pass over the characters, no regular expressions, and an explicit stack instead of
/// recursion for $(...), `...` and &lt;(...): the time is linear in the script's length whatever it holds.
/// It reads what bash would run for ordinary scripts; it is not a validator, and odd syntax degrades to
/// "some words" rather than an error.
/// </summary>
internal static class ShellCommands
{
    /// <summary>Nesting of $(...) beyond this is skipped unread: real scripts nest two or three levels.</summary>
    internal const int MaxNesting = 64;

    public static IReadOnlyList<ShellCommand> Read(string script)
    {
        var reader = new Reader(script);
        reader.Run();

        // Commands complete inner-first (a $(...) before the command that holds it); callers want script order.
        reader.Commands.Sort((a, b) => a.Start.CompareTo(b.Start));
        return reader.Commands;
    }

    private enum FrameKind
    {
        Script,
        Substitution,
        Backtick,
    }

    private enum Expect
    {
        Nothing,
        RedirectTarget,
        HeredocDelimiter,
        HeredocDelimiterStrippingTabs,
        FunctionName,
    }

    private enum CaseState
    {
        None,
        Subject,
        Pattern,
        Body,
    }

    /// <summary>A list of commands being read: the script itself, or the inside of a $(...), `...` or &lt;(...).</summary>
    private sealed class Frame
    {
        public Frame(FrameKind kind)
        {
            Kind = kind;
        }

        public FrameKind Kind { get; }

        // The word being read.
        public StringBuilder Word { get; } = new();

        public bool InWord { get; set; }

        public int WordStart { get; set; }

        public bool WordQuoted { get; set; }

        public bool InDoubleQuotes { get; set; }

        // The command being read, and what the grammar expects next.
        public List<ShellWord> Words { get; } = new();

        public Expect Expect { get; set; }

        /// <summary>After `for x in ...`, `fi`, `done`, `}` or `]]`: words up to the next separator are not a command.</summary>
        public bool SkipToSeparator { get; set; }

        public bool InDoubleBrackets { get; set; }

        public CaseState Case { get; set; }

        public int CaseDepth { get; set; }

        /// <summary>Subshell parentheses open in this frame; a ')' beyond them closes the frame.</summary>
        public int ParenDepth { get; set; }
    }

    private sealed class Reader
    {
        private readonly string _s;
        private readonly List<Frame> _frames = new() { new Frame(FrameKind.Script) };
        private readonly List<(string Delimiter, bool StripTabs)> _heredocs = new();
        private readonly List<int> _lineStarts = new() { 0 };
        private int _i;

        public Reader(string script)
        {
            _s = script;
            for (var i = 0; i < script.Length; i++)
            {
                if (script[i] == '\n')
                {
                    _lineStarts.Add(i + 1);
                }
            }
        }

        public List<ShellCommand> Commands { get; } = new();

        private Frame Top => _frames[_frames.Count - 1];

        public void Run()
        {
            var n = _s.Length;
            while (_i < n)
            {
                var f = Top;
                var c = _s[_i];
                if (f.InDoubleQuotes)
                {
                    ReadInDoubleQuotes(f, c);
                    continue;
                }

                switch (c)
                {
                    case ' ':
                    case '\t':
                    case '\r':
                        EndWord(f);
                        _i++;
                        break;
                    case '\n':
                        EndWord(f);
                        Separator(f, isCaseBreak: false);
                        _i++;
                        ReadHeredocBodies();
                        break;
                    case '\'':
                        {
                            BeginWord(f);
                            f.WordQuoted = true;
                            var close = _s.IndexOf('\'', _i + 1);
                            close = close < 0 ? n : close;
                            f.Word.Append(_s, _i + 1, close - _i - 1);
                            _i = close + 1;
                            break;
                        }

                    case '"':
                        BeginWord(f);
                        f.WordQuoted = true;
                        f.InDoubleQuotes = true;
                        _i++;
                        break;
                    case '\\':
                        ReadBackslash(f);
                        break;
                    case '$':
                        ReadDollar(f, inDoubleQuotes: false);
                        break;
                    case '`':
                        ReadBacktick(f);
                        break;
                    case '#' when !f.InWord:
                        {
                            // A comment runs to the end of the line; the newline itself still ends the command.
                            var end = _s.IndexOf('\n', _i);
                            _i = end < 0 ? n : end;
                            break;
                        }

                    case ';':
                    case '&':
                    case '|':
                    case '(':
                    case ')':
                    case '<':
                    case '>':
                        ReadOperator(f, c);
                        break;
                    default:
                        BeginWord(f);
                        f.Word.Append(c);
                        _i++;
                        break;
                }
            }

            // An unterminated quote or $( ends with the script: what was read so far still counts.
            _i = n;
            while (_frames.Count > 0)
            {
                var f = Top;
                EndWord(f);
                FinishCommand(f);
                _frames.RemoveAt(_frames.Count - 1);
            }
        }

        private void ReadInDoubleQuotes(Frame f, char c)
        {
            switch (c)
            {
                case '"':
                    f.InDoubleQuotes = false;
                    _i++;
                    return;
                case '\\':
                    {
                        // In double quotes a backslash escapes only $ ` " \ and a newline; elsewhere it is itself.
                        var next = _i + 1 < _s.Length ? _s[_i + 1] : '\0';
                        if (next == '\n')
                        {
                            _i += 2;
                        }
                        else if (next == '$' || next == '`' || next == '"' || next == '\\')
                        {
                            f.Word.Append(next);
                            _i += 2;
                        }
                        else
                        {
                            f.Word.Append(c);
                            _i++;
                        }

                        return;
                    }

                case '$':
                    ReadDollar(f, inDoubleQuotes: true);
                    return;
                case '`':
                    ReadBacktick(f);
                    return;
                default:
                    f.Word.Append(c);
                    _i++;
                    return;
            }
        }

        private void ReadBackslash(Frame f)
        {
            var next = _i + 1 < _s.Length ? _s[_i + 1] : '\0';
            if (next == '\n')
            {
                _i += 2; // A line continuation: not a separator, and not part of any word.
                return;
            }

            if (next == '\r' && _i + 2 < _s.Length && _s[_i + 2] == '\n')
            {
                _i += 3;
                return;
            }

            BeginWord(f);
            f.WordQuoted = true;
            if (_i + 1 < _s.Length)
            {
                f.Word.Append(next);
            }

            _i += 2;
        }

        private void ReadDollar(Frame f, bool inDoubleQuotes)
        {
            BeginWord(f);
            var next = _i + 1 < _s.Length ? _s[_i + 1] : '\0';
            if (next == '(' && _i + 2 < _s.Length && _s[_i + 2] == '(')
            {
                // $((arithmetic)): no commands inside.
                var end = SkipBalanced(_i + 1, '(', ')');
                f.Word.Append("$((...))");
                _i = end;
            }
            else if (next == '(')
            {
                f.Word.Append("$(...)");
                _i += 2;
                Push(FrameKind.Substitution, _i - 1);
            }
            else if (next == '{')
            {
                // ${parameter...}: kept as written, like $NAME.
                var end = SkipBalanced(_i + 1, '{', '}');
                f.Word.Append(_s, _i, end - _i);
                _i = end;
            }
            else if (next == '\'' && !inDoubleQuotes)
            {
                // $'...': ANSI-C quoting, where \' does not end the string.
                f.WordQuoted = true;
                var j = _i + 2;
                while (j < _s.Length && _s[j] != '\'')
                {
                    if (_s[j] == '\\' && j + 1 < _s.Length)
                    {
                        j++;
                    }

                    f.Word.Append(_s[j]);
                    j++;
                }

                _i = j + 1;
            }
            else if (next == '"' && !inDoubleQuotes)
            {
                f.WordQuoted = true;
                f.InDoubleQuotes = true;
                _i += 2;
            }
            else
            {
                f.Word.Append('$');
                _i++;
            }
        }

        private void ReadBacktick(Frame f)
        {
            if (f.Kind == FrameKind.Backtick && !f.InDoubleQuotes)
            {
                EndWord(f);
                FinishCommand(f);
                _frames.RemoveAt(_frames.Count - 1);
                _i++;
                return;
            }

            BeginWord(f);
            f.Word.Append("`...`");
            _i++;
            Push(FrameKind.Backtick, _i - 1);
        }

        /// <summary>Starts reading a nested command list, or skips it unread when nesting is deeper than any real script's.</summary>
        private void Push(FrameKind kind, int opener)
        {
            if (_frames.Count < MaxNesting)
            {
                _frames.Add(new Frame(kind));
                return;
            }

            if (kind == FrameKind.Backtick)
            {
                var close = _s.IndexOf('`', _i);
                _i = close < 0 ? _s.Length : close + 1;
            }
            else
            {
                _i = SkipBalanced(opener, '(', ')');
            }
        }

        /// <summary>The offset after the bracket that closes the one at <paramref name="open"/> (counting only brackets).</summary>
        private int SkipBalanced(int open, char opening, char closing)
        {
            var depth = 0;
            for (var j = open; j < _s.Length; j++)
            {
                if (_s[j] == opening)
                {
                    depth++;
                }
                else if (_s[j] == closing && --depth == 0)
                {
                    return j + 1;
                }
            }

            return _s.Length;
        }

        private void ReadOperator(Frame f, char c)
        {
            var n = _s.Length;
            char At(int offset) => _i + offset < n ? _s[_i + offset] : '\0';

            if (c == '<' || c == '>')
            {
                ReadRedirection(f, c, At(1), At(2));
                return;
            }

            if (c == '(' && f.InWord && !f.WordQuoted && EndsWithAny(f.Word, "=@!+*?"))
            {
                // arr=(a b) and extglob patterns such as !(x): part of the word, not a subshell.
                var end = SkipBalanced(_i, '(', ')');
                f.Word.Append(_s, _i, end - _i);
                _i = end;
                return;
            }

            EndWord(f);
            if (f.InDoubleBrackets)
            {
                // Inside [[ ]], && || ( ) are part of the test.
                _i++;
                return;
            }

            switch (c)
            {
                case ';':
                    if (At(1) == ';' || At(1) == '&')
                    {
                        _i += At(1) == ';' && At(2) == '&' ? 3 : 2;
                        Separator(f, isCaseBreak: true);
                    }
                    else
                    {
                        _i++;
                        Separator(f, isCaseBreak: false);
                    }

                    return;
                case '&':
                    if (At(1) == '>')
                    {
                        _i += At(2) == '>' ? 3 : 2;
                        f.Expect = Expect.RedirectTarget;
                        return;
                    }

                    _i += At(1) == '&' ? 2 : 1;
                    Separator(f, isCaseBreak: false);
                    return;
                case '|':
                    _i += At(1) == '|' || At(1) == '&' ? 2 : 1;
                    if (f.Case == CaseState.Pattern)
                    {
                        return; // a|b) separates patterns.
                    }

                    Separator(f, isCaseBreak: false);
                    return;
                case '(':
                    ReadOpeningParenthesis(f);
                    return;
                default:
                    ReadClosingParenthesis(f);
                    return;
            }
        }

        private void ReadRedirection(Frame f, char c, char next, char afterNext)
        {
            if (f.InWord && !f.WordQuoted && IsFileDescriptor(f.Word))
            {
                f.InWord = false; // 2>&1: the 2 is part of the redirection.
                f.Word.Clear();
            }
            else
            {
                EndWord(f);
            }

            if (f.InDoubleBrackets)
            {
                _i++; // < and > compare strings inside [[ ]].
                return;
            }

            if (next == '(')
            {
                // <(...) and >(...): process substitution, a word whose commands run.
                BeginWord(f);
                f.Word.Append(c).Append("(...)");
                _i += 2;
                Push(FrameKind.Substitution, _i - 1);
                return;
            }

            if (c == '<' && next == '<' && afterNext != '<')
            {
                var strip = afterNext == '-';
                _i += strip ? 3 : 2;
                f.Expect = strip ? Expect.HeredocDelimiterStrippingTabs : Expect.HeredocDelimiter;
                return;
            }

            // < > >> >| >& <& <> <<< (here-string): the next word is a target, not a command or an argument.
            _i += c == '<' && next == '<' ? 3 : next == '>' || next == '|' || next == '&' || (c == '<' && next == '>') ? 2 : 1;
            f.Expect = Expect.RedirectTarget;
        }

        private void ReadOpeningParenthesis(Frame f)
        {
            if (_i + 1 < _s.Length && _s[_i + 1] == '(' && f.Words.Count == 0 && f.Case != CaseState.Pattern)
            {
                // ((arithmetic)) as a command, or the header of for ((...)).
                _i = SkipBalanced(_i, '(', ')');
                f.SkipToSeparator = true;
                return;
            }

            _i++;
            if (f.Case == CaseState.Pattern)
            {
                return; // (a) pattern) - the optional opening parenthesis of a case pattern.
            }

            var j = _i;
            while (j < _s.Length && (_s[j] == ' ' || _s[j] == '\t'))
            {
                j++;
            }

            if (f.Words.Count > 0 && j < _s.Length && _s[j] == ')')
            {
                // name() { ...; }: a function definition; its body is read as commands, the name is not one.
                f.Words.Clear();
                _i = j + 1;
                return;
            }

            FinishCommand(f);
            f.SkipToSeparator = false;
            f.ParenDepth++;
        }

        private void ReadClosingParenthesis(Frame f)
        {
            _i++;
            if (f.Case == CaseState.Pattern)
            {
                f.Case = CaseState.Body; // pattern) - the commands of this branch follow.
                return;
            }

            FinishCommand(f);
            if (f.ParenDepth > 0)
            {
                f.ParenDepth--;
                f.SkipToSeparator = true; // (...) > log: a redirection may follow.
            }
            else if (f.Kind == FrameKind.Substitution)
            {
                _frames.RemoveAt(_frames.Count - 1);
            }
        }

        private void Separator(Frame f, bool isCaseBreak)
        {
            FinishCommand(f);
            f.SkipToSeparator = false;
            f.Expect = Expect.Nothing;
            if (isCaseBreak && f.CaseDepth > 0)
            {
                f.Case = CaseState.Pattern;
            }
        }

        private void BeginWord(Frame f)
        {
            if (!f.InWord)
            {
                f.InWord = true;
                f.WordStart = _i;
                f.WordQuoted = false;
                f.Word.Clear();
            }
        }

        private void EndWord(Frame f)
        {
            if (!f.InWord)
            {
                return;
            }

            f.InWord = false;
            var word = new ShellWord(f.Word.ToString(), f.WordStart, _i, f.WordQuoted);
            f.Word.Clear();
            OnWord(f, word);
        }

        private void OnWord(Frame f, ShellWord word)
        {
            switch (f.Expect)
            {
                case Expect.RedirectTarget:
                case Expect.FunctionName:
                    f.Expect = Expect.Nothing;
                    return;
                case Expect.HeredocDelimiter:
                case Expect.HeredocDelimiterStrippingTabs:
                    _heredocs.Add((word.Value, f.Expect == Expect.HeredocDelimiterStrippingTabs));
                    f.Expect = Expect.Nothing;
                    return;
            }

            var keyword = word.Quoted ? null : word.Value;
            if (f.InDoubleBrackets)
            {
                if (keyword == "]]")
                {
                    f.InDoubleBrackets = false;
                    f.SkipToSeparator = true;
                }

                return;
            }

            if (f.SkipToSeparator)
            {
                return;
            }

            if (f.Case == CaseState.Subject)
            {
                if (keyword == "in")
                {
                    f.Case = CaseState.Pattern;
                }

                return;
            }

            if (f.Case == CaseState.Pattern)
            {
                if (keyword == "esac")
                {
                    EndCase(f);
                }

                return;
            }

            if (f.Words.Count == 0)
            {
                // Reserved words count only where a command would start.
                switch (keyword)
                {
                    case "if":
                    case "then":
                    case "else":
                    case "elif":
                    case "do":
                    case "while":
                    case "until":
                    case "!":
                    case "{":
                        return;
                    case "fi":
                    case "done":
                    case "}":
                    case "for":
                    case "select":
                        f.SkipToSeparator = true;
                        return;
                    case "esac":
                        EndCase(f);
                        return;
                    case "case":
                        f.CaseDepth++;
                        f.Case = CaseState.Subject;
                        return;
                    case "function":
                        f.Expect = Expect.FunctionName;
                        return;
                    case "[[":
                        f.InDoubleBrackets = true;
                        return;
                }
            }

            f.Words.Add(word);
        }

        private static void EndCase(Frame f)
        {
            f.CaseDepth = Math.Max(0, f.CaseDepth - 1);
            f.Case = f.CaseDepth > 0 ? CaseState.Body : CaseState.None;
            f.SkipToSeparator = true;
        }

        /// <summary>Heredoc bodies start after the line that holds their operators; they are text, not commands.</summary>
        private void ReadHeredocBodies()
        {
            // (An unquoted body's $(...) does run; scripts that publish from inside a heredoc are not worth the complexity.)
            foreach (var (delimiter, stripTabs) in _heredocs)
            {
                while (_i < _s.Length)
                {
                    var end = _s.IndexOf('\n', _i);
                    var lineEnd = end < 0 ? _s.Length : end;
                    var start = _i;
                    _i = end < 0 ? _s.Length : end + 1;
                    while (stripTabs && start < lineEnd && _s[start] == '\t')
                    {
                        start++;
                    }

                    var length = lineEnd > start && _s[lineEnd - 1] == '\r' ? lineEnd - 1 - start : lineEnd - start;
                    if (length == delimiter.Length && string.CompareOrdinal(_s, start, delimiter, 0, length) == 0)
                    {
                        break;
                    }
                }
            }

            _heredocs.Clear();
        }

        private void FinishCommand(Frame f)
        {
            if (f.Words.Count == 0)
            {
                return;
            }

            var words = f.Words;
            var assignments = new List<ShellWord>();
            var k = 0;
            while (k < words.Count && IsAssignment(words[k]))
            {
                assignments.Add(words[k++]);
            }

            k = SkipPrefixes(words, k, assignments);
            if (k < words.Count)
            {
                var command = words.GetRange(k, words.Count - k);
                var text = new StringBuilder();
                foreach (var word in command)
                {
                    text.Append(text.Length > 0 ? " " : "").Append(_s, word.Start, word.End - word.Start);
                }

                var line = _lineStarts.BinarySearch(command[0].Start);
                line = line < 0 ? ~line - 1 : line;
                Commands.Add(new ShellCommand(command, assignments, text.ToString(), line + 1, command[0].Start - _lineStarts[line] + 1));
            }

            f.Words.Clear();
        }

        /// <summary>env, sudo, exec, command, time and nohup run the command that follows them: skip to it.</summary>
        private int SkipPrefixes(List<ShellWord> words, int k, List<ShellWord> assignments)
        {
            while (k < words.Count && !words[k].Quoted)
            {
                switch (words[k].Value)
                {
                    case "env":
                        k = SkipOptions(words, k + 1, assignments, "-u", "--unset", "-C", "--chdir", "-S", "--split-string");
                        break;
                    case "sudo":
                        k = SkipOptions(words, k + 1, assignments, "-u", "--user", "-g", "--group", "-h", "--host", "-p", "--prompt", "-C", "--close-from", "-D", "--chdir", "-r", "--role", "-t", "--type", "-U", "--other-user", "-T", "--command-timeout");
                        break;
                    case "exec":
                        k = SkipOptions(words, k + 1, null, "-a");
                        break;
                    case "time":
                        k = SkipOptions(words, k + 1, null);
                        break;
                    case "nohup":
                        k++;
                        break;
                    case "command":
                        if (k + 1 < words.Count && (words[k + 1].Value == "-v" || words[k + 1].Value == "-V"))
                        {
                            return k; // command -v npm asks where npm is; it runs nothing.
                        }

                        k = SkipOptions(words, k + 1, null);
                        break;
                    default:
                        return k;
                }
            }

            return k;
        }

        /// <summary>Skips a prefix's options (those named take a value) and, for env and sudo, NAME=value words.</summary>
        private int SkipOptions(List<ShellWord> words, int k, List<ShellWord>? assignments, params string[] optionsWithValue)
        {
            while (k < words.Count)
            {
                var value = words[k].Value;
                if (value == "--")
                {
                    return k + 1;
                }

                if (value.Length > 1 && value[0] == '-')
                {
                    k += Array.IndexOf(optionsWithValue, value) >= 0 ? 2 : 1;
                }
                else if (assignments != null && IsAssignment(words[k]))
                {
                    assignments.Add(words[k++]);
                }
                else
                {
                    return k;
                }
            }

            return k;
        }

        /// <summary>NAME=value or NAME+=value, with NAME written unquoted.</summary>
        private bool IsAssignment(ShellWord word)
        {
            var i = word.Start;
            if (i >= word.End || !(char.IsLetter(_s[i]) || _s[i] == '_') || _s[i] > 127)
            {
                return false;
            }

            while (i < word.End && _s[i] < 128 && (char.IsLetterOrDigit(_s[i]) || _s[i] == '_'))
            {
                i++;
            }

            return i < word.End && (_s[i] == '=' || (_s[i] == '+' && i + 1 < word.End && _s[i + 1] == '='));
        }

        private static bool IsFileDescriptor(StringBuilder word)
        {
            if (word.Length == 0)
            {
                return false;
            }

            if (word[0] == '{' && word[word.Length - 1] == '}')
            {
                return true; // {fd}>file
            }

            for (var i = 0; i < word.Length; i++)
            {
                if (word[i] < '0' || word[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool EndsWithAny(StringBuilder word, string characters) =>
            word.Length > 0 && characters.IndexOf(word[word.Length - 1]) >= 0;
    }
}

using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.Text;

namespace TrustedPublish.Build.Tests;

/// <summary>No credential from a repository file or a property reaches a message: every argument of every diagnostic is redacted.</summary>
[TestClass]
public sealed class SecretsTests
{
    private const string NpmToken = "npm_S3CRETabcdefghijklmnopqrstuvwxyz0123";

    private static readonly string[] SecretBearing =
    {
        "https://user:S3CRET@registry.example.com/",
        "https://S3CRET@github.com/Acme-Org/widget",
        "git+https://x-access-token:S3CRET@github.com/Acme-Org/widget.git",
        "//registry.npmjs.org/:_authToken=S3CRET",
        "_auth=S3CRET",
        "//registry.npmjs.org/:_password = \"S3CRET\"",
        "https://registry.example.com/npm/?token=S3CRET&scope=x",
        "https://registry.example.com/?access_token=S3CRET",
        "https://registry.example.com/?auth=S3CRET#top",
        "NODE_AUTH_TOKEN=S3CRET npm publish",
        "npm config set //registry.npmjs.org/:_authToken=S3CRET",
        "npm config set //registry.npmjs.org/:_authToken S3CRET",
        "yarn config set npmAuthToken \"S3CRET\"",
        "publish with " + NpmToken,
    };

    [TestMethod]
    [DataRow("https://user:pass@host/path", "https://***@host/path")]
    [DataRow("https://token@host", "https://***@host")]
    [DataRow("see https://u:p@a.example.com/x and https://b.example.com/@scope/pkg", "see https://***@a.example.com/x and https://b.example.com/@scope/pkg")]
    [DataRow("//registry.npmjs.org/:_authToken=npm_x ; comment", "//registry.npmjs.org/:_authToken=*** ; comment")]
    [DataRow("_auth=dXNlcjpwYXNz", "_auth=***")]
    [DataRow("_password = 'c2VjcmV0' x", "_password = '***' x")]
    [DataRow("https://h/npm/?token=abc&x=1", "https://h/npm/?token=***&x=1")]
    [DataRow("https://h/?Password=p#frag", "https://h/?Password=***#frag")]
    [DataRow("npm_config__auth=abc", "npm_config__auth=***")]
    [DataRow("publish with " + NpmToken + ".", "publish with npm_***.")]
    [DataRow("npm config set //registry.npmjs.org/:_authToken abc123 && npm publish", "npm config set //registry.npmjs.org/:_authToken *** && npm publish")]
    [DataRow("npm set --location=user //registry.npmjs.org/:_authToken 'abc 123'", "npm set --location=user //registry.npmjs.org/:_authToken '***'")]
    [DataRow("yarn config set npmAuthToken \"abc123\"", "yarn config set npmAuthToken \"***\"")]
    [DataRow("yarn config set 'npmRegistries[\"//registry.npmjs.org\"].npmAuthToken' abc123", "yarn config set 'npmRegistries[\"//registry.npmjs.org\"].npmAuthToken' ***")]
    public void Redact_HidesCredentials(string text, string expected)
    {
        Assert.AreEqual(expected, Secrets.Redact(text));
    }

    [TestMethod]
    [DataRow("https://registry.npmjs.org/")]
    [DataRow("git@github.com:Acme-Org/widget.git")]
    [DataRow("https://h/?author=jane&tag=next")]
    [DataRow("//registry.npmjs.org/:_authToken=${NPM_TOKEN}")]
    [DataRow("NODE_AUTH_TOKEN=${{ secrets.NPM_TOKEN }}")]
    [DataRow("npm publish --access public --provenance=false")]
    [DataRow("npm_config_registry=x")]
    [DataRow("npm config set //registry.npmjs.org/:_authToken ${NPM_TOKEN}")]
    [DataRow("npm config set registry https://registry.npmjs.org/")]
    [DataRow("yarn config set npmAuthToken")]
    [DataRow("reset token 42")]
    [DataRow("")]
    public void Redact_LeavesOtherTextAlone(string text)
    {
        Assert.AreEqual(text, Secrets.Redact(text));
    }

    [TestMethod]
    [Timeout(10_000)]
    public void Redact_LongHostileText_IsReadInOnePass()
    {
        var slashes = new string('/', 1_000_000);
        Assert.AreEqual(slashes, Secrets.Redact(slashes));
        var equals = new string('=', 1_000_000);
        Assert.AreEqual(equals, Secrets.Redact(equals));
        var spaces = "x" + new string(' ', 1_000_000) + "=";
        Assert.AreEqual(spaces, Secrets.Redact(spaces));
        Assert.AreEqual("token=***", Secrets.Redact(string.Concat(Enumerable.Repeat("token=", 200_000))));
        Assert.AreEqual(string.Concat(Enumerable.Repeat("//***@", 200_000)), Secrets.Redact(string.Concat(Enumerable.Repeat("//a@", 200_000))));
        var sets = string.Concat(Enumerable.Repeat("set -", 300_000));
        Assert.AreEqual(sets, Secrets.Redact(sets));
        var quotedKeys = string.Concat(Enumerable.Repeat("set '", 300_000));
        Assert.AreEqual(quotedKeys, Secrets.Redact(quotedKeys));
        Assert.AreEqual(string.Concat(Enumerable.Repeat("token=*** x ", 100_000)), Secrets.Redact(string.Concat(Enumerable.Repeat("token=${{ x ", 100_000))), "an expression that never closes is no placeholder");
    }

    [TestMethod]
    public void EveryDescriptor_NeverPrintsASecretBearingArgument()
    {
        foreach (var descriptor in DiagnosticCatalog.All)
        {
            foreach (var secret in SecretBearing)
            {
                for (var position = 0; position < 6; position++)
                {
                    var args = new object?[] { "A", "B", "C", "D", "E", "F" };
                    args[position] = secret;
                    var message = descriptor.Create("f", 1, 1, args).Message;
                    Assert.IsFalse(message.Contains("S3CRET", System.StringComparison.Ordinal), $"{descriptor.Code} with '{secret}' as argument {position}: {message}");
                }
            }
        }
    }

    [TestMethod]
    [DataRow("@acme:registry=https://user:S3CRET@npm.pkg.github.com/", "TPB060", "https://***@npm.pkg.github.com/")]
    [DataRow("@acme:registry=https://npm.pkg.github.com/?token=S3CRET", "TPB060", "https://npm.pkg.github.com/?token=***")]
    [DataRow("registry=https://S3CRET@mirror.example.com/", "TPB061", "https://***@mirror.example.com/")]
    [DataRow("registry=https://mirror.example.com/npm/?auth=S3CRET", "TPB061", "https://mirror.example.com/npm/?auth=***")]
    public void RegistryRedirect_WithACredentialInTheUrl_ShowsTheUrlWithoutIt(string npmrc, string code, string shown)
    {
        var harness = new RuleHarness();
        harness.Npmrcs[".npmrc"] = npmrc + "\n";
        var diagnostic = harness.Run().Single();
        Assert.AreEqual(code, diagnostic.Code);
        StringAssert.Contains(diagnostic.Message, shown);
        Assert.IsFalse(diagnostic.ToString().Contains("S3CRET", System.StringComparison.Ordinal), diagnostic.ToString());
    }
}

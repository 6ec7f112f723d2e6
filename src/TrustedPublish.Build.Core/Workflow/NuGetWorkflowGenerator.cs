using TrustedPublish.Build.Model;
using TrustedPublish.Build.Text;

namespace TrustedPublish.Build.Workflow;

/// <summary>
/// The NuGet workflow as a pure function of <see cref="NuGetSettings"/>: same settings, same bytes, on every OS. It is
/// hardened the way the npm workflow is (README, "The NuGet workflow"): nothing granted at the top, contents: read and
/// id-token: write on the one job, every action pinned to a commit, no persisted credentials, no cache, a concurrency
/// group that never cancels, and no expression inside a run: script (values reach scripts through env).
/// </summary>
internal static class NuGetWorkflowGenerator
{
    public const string PushSource = "https://api.nuget.org/v3/index.json";

    /// <summary>The header line that says which nuget.org policy the file needs; also how a generated NuGet workflow is recognized.</summary>
    public const string PolicyLineStart = "nuget.org trusted publishing policy: ";

    private static readonly string PreflightScript = WorkflowGenerator.LoadScript("TrustedPublish.Build.nuget-preflight.sh");

    /// <summary>Works out the version from the tag before anything is built: dotnet pack gets it as -p:Version.</summary>
    private const string VersionScript = """
        # The version is the tag without the tag pattern's literal prefix; nothing in the repository is edited.
        if [ "${GITHUB_REF_TYPE:-}" != "tag" ]; then
          echo "::error title=Not a tag::This workflow publishes the version a tag names, but it runs for the $GITHUB_REF_TYPE '$GITHUB_REF_NAME'. Push a tag such as ${TAG_PREFIX}1.2.0, or choose a tag when running it by hand."
          exit 1
        fi
        version="${GITHUB_REF_NAME#"$TAG_PREFIX"}"
        if ! printf '%s\n' "$version" | grep -Eq '^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$'; then
          echo "::error title=Tag is not a version::The tag '$GITHUB_REF_NAME' names '$version', which is not a version such as 1.2.0 or 1.2.0-beta.1. Tag ${TAG_PREFIX}MAJOR.MINOR.PATCH."
          exit 1
        fi
        echo "version=$version" >> "$GITHUB_OUTPUT"

        """;

    /// <summary>Where dotnet pack writes, outside the checkout (an expression in env, never in a script).</summary>
    private const string PackageFolder = "${{ runner.temp }}/nuget-packages";

    public static string Generate(NuGetSettings settings)
    {
        var yaml = new YamlWriter();
        yaml.BeginMap();
        WorkflowGenerator.WriteOwnershipHeader(yaml, settings.ProjectPath);
        yaml.Comment(PolicyLine(settings));
        yaml.QuotedEntry("name", "Publish " + settings.PackageId + " to nuget.org");

        new JobFrame
        {
            Trigger = settings.Trigger,
            TagPattern = settings.TagPattern,
            ConcurrencyGroup = "nuget-publish-" + settings.WorkflowFile,
            JobName = "Publish " + settings.PackageId,
            RunsOn = settings.RunsOn,
            Environment = settings.Environment,
        }.Write(yaml);
        yaml.Key("steps");
        yaml.BeginSequence();
        WriteSteps(yaml, settings);
        yaml.EndSequence();

        yaml.EndMap();
        yaml.EndMap();
        yaml.EndMap();
        return yaml.Finish();
    }

    /// <summary>The header line naming the policy's values; nuget.org compares them case-insensitively.</summary>
    public static string PolicyLine(NuGetSettings settings)
    {
        var environment = settings.Environment ?? "(none)";
        return TextSafety.ForComment($"{PolicyLineStart}owner {settings.Repository.Owner}, repository {settings.Repository.Name}, workflow {settings.WorkflowFile}, environment {environment}; NuGet/login user {settings.User}.");
    }

    /// <summary>True when <paramref name="workflow"/> is a NuGet workflow this package generated (its header has the policy line).</summary>
    public static bool IsNuGetWorkflow(string workflow) =>
        WorkflowGenerator.ReadGeneratingProject(workflow) != null && workflow.IndexOf("\n# " + PolicyLineStart, System.StringComparison.Ordinal) > 0;

    private static void WriteSteps(YamlWriter yaml, NuGetSettings settings)
    {
        // persist-credentials: false keeps the GITHUB_TOKEN out of .git/config (zizmor: artipacked).
        WorkflowGenerator.Step(yaml, "Check out", ActionPins.Checkout, settings.PinActions, settings.Pins, with =>
        {
            with.PlainEntry("persist-credentials", "false");
        });

        // The SDK the repository pins in global.json, else the version setting. setup-dotnet caches nothing unless asked
        // (no cache: a release job must not restore what an earlier, less trusted run wrote; zizmor: cache-poisoning).
        WorkflowGenerator.Step(yaml, "Set up .NET", ActionPins.SetupDotNet, settings.PinActions, settings.Pins, with =>
        {
            if (settings.UseGlobalJson)
            {
                with.PlainEntry("global-json-file", "global.json");
            }
            else
            {
                with.QuotedEntry("dotnet-version", settings.DotNetVersion);
            }
        });

        yaml.BeginMap();
        yaml.PlainEntry("name", "Version from the tag");
        yaml.PlainEntry("id", "version");
        yaml.Key("env");
        yaml.BeginMap();
        yaml.QuotedEntry("TAG_PREFIX", NameRules.LiteralPrefix(settings.TagPattern));
        yaml.EndMap();
        yaml.Key("run");
        yaml.Literal(VersionScript);
        yaml.EndMap();

        // A path from a property reaches the command through env (it is validated too: no option, no '..').
        yaml.BeginMap();
        yaml.PlainEntry("name", "Test");
        if (settings.TestProject != null)
        {
            yaml.Key("env");
            yaml.BeginMap();
            yaml.QuotedEntry("TEST_PROJECT", settings.TestProject);
            yaml.EndMap();
            yaml.PlainEntry("run", "dotnet test \"$TEST_PROJECT\" -c Release");
        }
        else
        {
            yaml.PlainEntry("run", "dotnet test -c Release");
        }

        yaml.EndMap();

        yaml.BeginMap();
        yaml.PlainEntry("name", "Pack");
        yaml.Key("env");
        yaml.BeginMap();
        yaml.QuotedEntry("PROJECT", settings.ProjectPath);
        yaml.PlainEntry("VERSION", "${{ steps.version.outputs.version }}");
        yaml.PlainEntry("PACKAGE_FOLDER", PackageFolder);
        yaml.EndMap();
        yaml.PlainEntry("run", "dotnet pack \"$PROJECT\" -c Release -p:Version=\"$VERSION\" -o \"$PACKAGE_FOLDER\"");
        yaml.EndMap();

        yaml.BeginMap();
        yaml.PlainEntry("name", "Check trusted-publishing prerequisites");
        yaml.PlainEntry("id", "preflight");
        yaml.Key("env");
        yaml.BeginMap();
        yaml.QuotedEntry("PACKAGE_ID", settings.PackageId);
        yaml.PlainEntry("VERSION", "${{ steps.version.outputs.version }}");
        yaml.PlainEntry("PACKAGE_FOLDER", PackageFolder);
        yaml.EndMap();
        yaml.Key("run");
        yaml.Literal(PreflightScript);
        yaml.EndMap();

        // The OIDC token is exchanged for an API key that lives one hour; no secret is stored anywhere.
        WorkflowGenerator.Step(yaml, "Log in to nuget.org (trusted publishing)", ActionPins.NuGetLogin, settings.PinActions, settings.Pins, with =>
        {
            with.QuotedEntry("user", settings.User);
        }, id: "login");

        // The key reaches the command through env, never inside the script (zizmor: template-injection). dotnet nuget push
        // pushes the .snupkg beside the .nupkg too, when the project makes one (IncludeSymbols with SymbolPackageFormat snupkg).
        yaml.BeginMap();
        yaml.PlainEntry("name", "Push to nuget.org");
        yaml.Key("env");
        yaml.BeginMap();
        yaml.PlainEntry("PACKAGE", "${{ steps.preflight.outputs.package }}");
        yaml.PlainEntry("NUGET_API_KEY", "${{ steps.login.outputs.NUGET_API_KEY }}");
        yaml.EndMap();
        yaml.PlainEntry("run", "dotnet nuget push \"$PACKAGE\" --api-key \"$NUGET_API_KEY\" --source " + PushSource);
        yaml.EndMap();
    }
}

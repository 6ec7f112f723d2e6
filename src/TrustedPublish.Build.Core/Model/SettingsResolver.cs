using System;
using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.PackageJson;
using TrustedPublish.Build.Text;

namespace TrustedPublish.Build.Model;

/// <summary>
/// Turns raw property values plus package.json into <see cref="PublishSettings"/>, filling defaults
/// the way the README describes, and reports every bad value at once (not just the first).
/// </summary>
internal static class SettingsResolver
{
    public const string DefaultNodeVersion = "24";
    public const string DefaultWorkflowFile = "publish.yml";
    public const string DefaultTagPattern = "v*";
    public const string DefaultRunsOn = "ubuntu-latest";

    /// <summary>
    /// TPB017 when <paramref name="property"/> is set but holds only spaces; null otherwise. The task asks this too, for
    /// TrustedPublishPackageDirectory, which it needs before the settings are resolved.
    /// </summary>
    public static Diagnostic? Blank(string property, string value, Func<string, SourceSpan> at) =>
        value.Length > 0 && value.Trim().Length == 0 ? DiagnosticCatalog.PropertyBlank.Create(at(property), property) : null;

    /// <param name="inputs">The property values and files.</param>
    /// <param name="packageJson">The package's package.json.</param>
    /// <param name="diagnostics">Where every finding goes.</param>
    /// <param name="forGeneration">
    /// False for the doctor: what only the generated workflow needs (which manager version it installs, whether it can
    /// pack the package) is worked out without reporting, since a hand-written workflow decides those itself.
    /// </param>
    public static PublishSettings? Resolve(TrustedPublishInputs inputs, PackageJsonDocument packageJson, List<Diagnostic> diagnostics, bool forGeneration = true)
    {
        var errorsBefore = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var settings = new PublishSettings.Draft
        {
            ProjectPath = inputs.ProjectPath,
            PackageDirectory = inputs.PackageDirectory,
        };

        SourceSpan At(string property) => PropertyLocation(inputs, property);

        if (!CheckBlanks(inputs, diagnostics))
        {
            // A blank value would also fail every later rule; one clear error per property is enough.
            return null;
        }

        settings.Repository = ResolveRepository(inputs, diagnostics);

        // Package name: the property (which then also rewrites package.json's name), else package.json.
        settings.ManagePackageName = inputs.PackageName.Length > 0;
        var name = settings.ManagePackageName ? inputs.PackageName : packageJson.Name ?? "";
        if (NameRules.CheckPackageName(name) is string nameError)
        {
            var at = settings.ManagePackageName ? At("TrustedPublishPackageName") : NameLocation(inputs, packageJson);
            diagnostics.Add(DiagnosticCatalog.PackageNameInvalid.Create(at, name, nameError));
        }

        settings.PackageName = name;

        var nodeSpec = Default(inputs.NodeVersion, DefaultNodeVersion);
        var node = NodeVersion.Parse(nodeSpec, out var nodeError);
        if (node == null)
        {
            diagnostics.Add(DiagnosticCatalog.NodeVersionInvalid.Create(At("TrustedPublishNodeVersion"), nodeSpec, nodeError));
        }
        else
        {
            settings.Node = node;
        }

        settings.WorkflowFile = Default(inputs.WorkflowFile, DefaultWorkflowFile);
        if (NameRules.CheckWorkflowFile(settings.WorkflowFile) is string workflowError)
        {
            diagnostics.Add(DiagnosticCatalog.WorkflowFileInvalid.Create(At("TrustedPublishWorkflowFile"), settings.WorkflowFile, workflowError));
        }

        settings.Environment = ResolveEnvironment(inputs, diagnostics);

        settings.Access = Default(inputs.Access, "public");
        if (settings.Access != "public" && settings.Access != "restricted")
        {
            diagnostics.Add(DiagnosticCatalog.AccessInvalid.Create(At("TrustedPublishAccess"), settings.Access));
        }

        settings.Provenance = Boolean(inputs, "TrustedPublishProvenance", inputs.Provenance, true, diagnostics);
        settings.PinActions = Boolean(inputs, "TrustedPublishPinActions", inputs.PinActions, true, diagnostics);
        settings.ReplaceWorkflow = Boolean(inputs, "TrustedPublishReplaceWorkflow", inputs.ReplaceWorkflow, false, diagnostics);
        settings.DotNetBuild = Boolean(inputs, "TrustedPublishDotNetBuild", inputs.DotNetBuild, false, diagnostics);
        if (settings.DotNetBuild)
        {
            ResolveDotNetBuild(inputs, settings, diagnostics);
        }

        settings.TagPattern = ResolveTagPattern(inputs, diagnostics);
        settings.Trigger = ResolveTrigger(inputs, diagnostics);

        if (inputs.DistTag.Length > 0)
        {
            if (NameRules.CheckDistTag(inputs.DistTag) is string distTagError)
            {
                diagnostics.Add(DiagnosticCatalog.DistTagInvalid.Create(At("TrustedPublishDistTag"), inputs.DistTag, distTagError));
            }

            settings.DistTag = inputs.DistTag;
        }

        // A folder name is not a property: nothing validated it, and working-directory is evaluated by GitHub.
        if (inputs.PackageDirectory.Contains("${{") || inputs.PackageDirectory.Any(TextSafety.BreaksALine) || TextSafety.HasLoneSurrogate(inputs.PackageDirectory))
        {
            var why = inputs.PackageDirectory.Contains("${{") ? "holds a GitHub expression (${{ )" : "holds a control character, a line break or a broken character";
            diagnostics.Add(DiagnosticCatalog.PackageDirectoryUnsafe.Create(At("TrustedPublishPackageDirectory"), inputs.PackageDirectory, why));
        }

        settings.RunsOn = ResolveRunsOn(inputs, diagnostics);

        var generationDiagnostics = forGeneration ? diagnostics : new List<Diagnostic>();
        if (PackageManagerDetector.Detect(inputs, packageJson, generationDiagnostics) is { } packageManager)
        {
            settings.PackageManager = packageManager;
            settings.RunsPrepublishOnly = packageManager.Packs && packageJson.ScriptNames.Contains("prepublishOnly");
            PackageManagerDetector.CheckUnresolvedRanges(inputs, packageJson, packageManager, generationDiagnostics);
        }

        // Unset: worked out from package.json (CheckScripts.Default). Set: exactly the scripts named, in that order.
        if (inputs.CheckScripts.Length == 0)
        {
            settings.CheckScripts = CheckScripts.Default(packageJson);
            return Finish(inputs, packageJson, settings, diagnostics, errorsBefore);
        }

        var scripts = packageJson.ScriptNames;
        var wanted = inputs.CheckScripts
            .Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Trim())
            .Where(s => s.Length > 0)
            .Distinct()
            .ToArray();
        static bool PlainScriptName(string name) => name.Length <= 100 && Chars.OnlyLettersDigitsAnd(name, "._:-");
        foreach (var script in wanted.Where(s => !PlainScriptName(s)))
        {
            diagnostics.Add(DiagnosticCatalog.ScriptNameInvalid.Create(At("TrustedPublishCheckScripts"), script));
        }

        settings.CheckScripts = wanted.Where(s => PlainScriptName(s) && scripts.Contains(s)).ToArray();

        return Finish(inputs, packageJson, settings, diagnostics, errorsBefore);
    }

    /// <summary>TPB017 for every property that holds only spaces; false when there was one.</summary>
    internal static bool CheckBlanks(TrustedPublishInputs inputs, List<Diagnostic> diagnostics)
    {
        var found = false;
        foreach (var named in inputs.NamedValues())
        {
            if (Blank(named[0], named[1], property => PropertyLocation(inputs, property)) is { } blank)
            {
                diagnostics.Add(blank);
                found = true;
            }
        }

        return !found;
    }

    /// <summary>Owner and repository: the properties, else RepositoryUrl, else git's origin remote (TPB002-TPB004). Shared by the npm and the NuGet workflow.</summary>
    internal static GitHubRepository ResolveRepository(TrustedPublishInputs inputs, List<Diagnostic> diagnostics)
    {
        SourceSpan At(string property) => PropertyLocation(inputs, property);
        var owner = inputs.Owner.Trim();
        var repository = inputs.Repository.Trim();
        if (owner.Length == 0 || repository.Length == 0)
        {
            var fromProject = GitHubRepository.TryParseUrl(inputs.RepositoryUrl)
                ?? GitHubRepository.TryParseUrl(GitHubRepository.ReadOriginUrl(inputs.GitConfigText));
            if (fromProject == null)
            {
                diagnostics.Add(DiagnosticCatalog.OwnerUnknown.Create(At("TrustedPublishOwner"), inputs.RepositoryUrl, inputs.GitConfigPath ?? ".git/config"));
            }
            else
            {
                owner = owner.Length == 0 ? fromProject.Owner : owner;
                repository = repository.Length == 0 ? fromProject.Name : repository;
            }
        }

        if (owner.Length > 0 && NameRules.CheckOwner(inputs.Owner.Length > 0 ? inputs.Owner : owner) is string ownerError)
        {
            diagnostics.Add(DiagnosticCatalog.OwnerInvalid.Create(At("TrustedPublishOwner"), inputs.Owner.Length > 0 ? inputs.Owner : owner, ownerError));
        }

        if (repository.Length > 0 && NameRules.CheckRepository(inputs.Repository.Length > 0 ? inputs.Repository : repository) is string repositoryError)
        {
            diagnostics.Add(DiagnosticCatalog.RepositoryInvalid.Create(At("TrustedPublishRepository"), inputs.Repository.Length > 0 ? inputs.Repository : repository, repositoryError));
        }

        return new GitHubRepository(owner, repository);
    }

    /// <summary>The job's environment, or null (TPB008); shared by both workflows, since both registrations name it.</summary>
    internal static string? ResolveEnvironment(TrustedPublishInputs inputs, List<Diagnostic> diagnostics)
    {
        if (inputs.Environment.Length == 0)
        {
            return null;
        }

        if (NameRules.CheckEnvironment(inputs.Environment) is string environmentError)
        {
            diagnostics.Add(DiagnosticCatalog.EnvironmentInvalid.Create(PropertyLocation(inputs, "TrustedPublishEnvironment"), inputs.Environment, environmentError));
        }

        return inputs.Environment;
    }

    /// <summary>The tag filter that publishes (TPB011); shared by both workflows.</summary>
    internal static string ResolveTagPattern(TrustedPublishInputs inputs, List<Diagnostic> diagnostics)
    {
        var pattern = Default(inputs.TagPattern, DefaultTagPattern);
        if (NameRules.CheckTagPattern(pattern) is string tagError)
        {
            diagnostics.Add(DiagnosticCatalog.TagPatternInvalid.Create(PropertyLocation(inputs, "TrustedPublishTagPattern"), pattern, tagError));
        }

        return pattern;
    }

    /// <summary>The GitHub-hosted runner label (TPB015); shared by both workflows.</summary>
    /// <summary>TrustedPublishTrigger: tag (the default) or release (TPB106 otherwise); every generated workflow has it.</summary>
    internal static string ResolveTrigger(TrustedPublishInputs inputs, List<Diagnostic> diagnostics)
    {
        var trigger = Default(inputs.Trigger, PublishSettings.TagTrigger);
        if (trigger is not (PublishSettings.TagTrigger or PublishSettings.ReleaseTrigger))
        {
            diagnostics.Add(DiagnosticCatalog.TriggerInvalid.Create(PropertyLocation(inputs, "TrustedPublishTrigger"), trigger));
        }

        return trigger;
    }

    internal static string ResolveRunsOn(TrustedPublishInputs inputs, List<Diagnostic> diagnostics)
    {
        var runsOn = Default(inputs.RunsOn, DefaultRunsOn);
        if (NameRules.CheckRunsOn(runsOn) is string runsOnError)
        {
            diagnostics.Add(DiagnosticCatalog.RunnerInvalid.Create(PropertyLocation(inputs, "TrustedPublishRunsOn"), runsOn, runsOnError));
        }

        return runsOn;
    }

    /// <summary>The pins for one workflow: the project's items, then a newer pin in that workflow as committed (Dependabot, Renovate).</summary>
    internal static Workflow.ActionPinSet ResolvePins(TrustedPublishInputs inputs, bool pinActions, string workflowFile, List<Diagnostic> diagnostics)
    {
        var pins = ActionPinItems.Resolve(inputs, diagnostics);
        if (!pinActions)
        {
            return pins;
        }

        var committed = inputs.Workflows.FirstOrDefault(w => w.RelativePath == ".github/workflows/" + workflowFile)?.Text;
        return Workflow.CommittedPins.Adopt(pins, committed);
    }

    /// <summary>The pins (project items, then a newer pin in the committed workflow), and the checks that need every setting: which repository wins when the sources disagree.</summary>
    private static PublishSettings? Finish(TrustedPublishInputs inputs, PackageJsonDocument packageJson, PublishSettings.Draft draft, List<Diagnostic> diagnostics, int errorsBefore)
    {
        // A pin that Dependabot or Renovate moved forward in the committed workflow is kept (CommittedPins says why),
        // so generate does not undo the bot's pull request and verify renders exactly what was merged.
        draft.Pins = ResolvePins(inputs, draft.PinActions, draft.WorkflowFile, diagnostics);

        var settings = draft.Build();
        RepositorySources.Check(inputs, packageJson, settings, diagnostics);
        return diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error) == errorsBefore ? settings : null;
    }

    /// <summary>The .NET SDK the npm workflow sets up, and the project path it builds, which goes into the workflow's env.</summary>
    private static void ResolveDotNetBuild(TrustedPublishInputs inputs, PublishSettings.Draft settings, List<Diagnostic> diagnostics)
    {
        DotNetSdk.CheckProjectPath(inputs, "TrustedPublishDotNetBuild", diagnostics);
        settings.UseGlobalJson = inputs.HasGlobalJson;
        if (DotNetSdk.Version(inputs, diagnostics) is string version)
        {
            settings.DotNetVersion = version;
        }
    }

    /// <summary>
    /// An unset property is empty and takes the default. One that holds only spaces (from -p: or the
    /// environment; MSBuild empties such values written in project files) was rejected above with TPB017.
    /// </summary>
    internal static string Default(string value, string fallback) => value.Length == 0 ? fallback : value;

    internal static bool Boolean(TrustedPublishInputs inputs, string property, string value, bool fallback, List<Diagnostic> diagnostics)
    {
        if (value.Length == 0)
        {
            return fallback;
        }

        if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        diagnostics.Add(DiagnosticCatalog.BooleanInvalid.Create(PropertyLocation(inputs, property), property, value));
        return fallback;
    }

    internal static SourceSpan PropertyLocation(TrustedPublishInputs inputs, string property) =>
        ProjectFileLocator.Find(inputs.ProjectFile, inputs.ProjectFileText, property);

    private static SourceSpan NameLocation(TrustedPublishInputs inputs, PackageJsonDocument packageJson)
    {
        var member = packageJson.Root.Find("name");
        var (line, column) = member != null ? packageJson.Locate(member.Value.Start) : (1, 1);
        return new SourceSpan(inputs.PackageJsonPath, line, column);
    }
}

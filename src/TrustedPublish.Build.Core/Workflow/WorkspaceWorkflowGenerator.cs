using System.Linq;
using TrustedPublish.Build.Model;

namespace TrustedPublish.Build.Workflow;

/// <summary>
/// The publish workflow of a project that lists several packages (TrustedPublishPackage items), as a pure function of
/// the settings. One job: set up and install once at the workspace root, run the root's check scripts there, then for
/// each package in dependency order its pack and its check, and only then the publishes, in the same order. Each
/// package has its own named steps, so GitHub's log shows which package a failure is about and which were skipped;
/// the list of packages is fixed at build time and no version is written anywhere, so a version bump never changes
/// the file. README.md ("Several packages in one workflow") says why it is built this way.
/// </summary>
internal static class WorkspaceWorkflowGenerator
{
    /// <summary>The header line that tells a workspace's workflow from a single package's (each package's own line follows it).</summary>
    public const string TrustedPublisherLineStart = "npm Trusted Publisher of each package below: ";

    public static string Generate(WorkspaceSettings workspace)
    {
        var settings = workspace.Workflow;
        var names = workspace.Packages.Select(p => p.Settings.PackageName).ToList();
        var yaml = new YamlWriter();
        yaml.BeginMap();
        WorkflowGenerator.WriteOwnershipHeader(yaml, settings.ProjectPath);
        var environment = settings.Environment == null ? "(none)" : settings.Environment;
        yaml.Comment($"{TrustedPublisherLineStart}owner {settings.Repository.Owner}, repository {settings.Repository.Name}, workflow {settings.WorkflowFile}, environment {environment}.");
        foreach (var package in workspace.Packages)
        {
            yaml.Comment(WorkflowGenerator.PackageJsonLine(package.Settings));
        }

        yaml.QuotedEntry("name", "Publish " + string.Join(", ", names) + " to npm");

        // Every step runs at the repository root unless it names its folder: the install and the root's scripts at the
        // workspace root, each package's steps in its own folder.
        WorkflowGenerator.WriteTriggerAndJobStart(yaml, settings, $"Publish {names.Count} packages", "");
        yaml.Key("steps");
        yaml.BeginSequence();
        WorkflowGenerator.WriteSetupSteps(yaml, settings, "");
        var manager = settings.PackageManager;
        foreach (var script in workspace.RootCheckScripts)
        {
            yaml.BeginMap();
            yaml.TextEntry("name", manager.RunScript(script));
            WorkflowGenerator.WorkingDirectory(yaml, manager.WorkspaceDirectory, "");
            yaml.TextEntry("run", manager.RunScript(script));
            yaml.EndMap();
        }

        // Written once, run once per package: the same checks as a single package's preflight (WorkspacePreflight).
        yaml.BeginMap();
        yaml.PlainEntry("name", "Write the trusted-publishing check");
        yaml.Key("run");
        yaml.Literal($"cat > \"{WorkspacePreflight.ScriptPath}\" <<'TRUSTEDPUBLISH_PREFLIGHT'\n{WorkspacePreflight.Script}TRUSTEDPUBLISH_PREFLIGHT\n");
        yaml.EndMap();

        // Every package is packed and checked before the first publish: a wrong tag or package.json in the last
        // package stops the run before anything is on the registry.
        var number = 0;
        foreach (var package in workspace.Packages)
        {
            WritePackAndCheck(yaml, workspace, package.Settings, ++number);
        }

        number = 0;
        foreach (var package in workspace.Packages)
        {
            WritePublish(yaml, package.Settings, ++number);
        }

        yaml.EndSequence();
        yaml.EndMap();
        yaml.EndMap();
        yaml.EndMap();
        return yaml.Finish();
    }

    private static void WritePackAndCheck(YamlWriter yaml, WorkspaceSettings workspace, PublishSettings package, int number)
    {
        var manager = package.PackageManager;
        var folder = package.PackageDirectory.Length == 0 ? "." : package.PackageDirectory;
        var name = package.PackageName;

        // Without scripts at the workspace root, each package runs its own, in its folder, before it is packed.
        if (workspace.RootCheckScripts.Count == 0)
        {
            foreach (var script in package.CheckScripts)
            {
                PackageStep(yaml, $"{name}: {manager.RunScript(script)}", folder, manager.RunScript(script));
            }
        }

        if (manager.Packs)
        {
            if (package.RunsPrepublishOnly)
            {
                PackageStep(yaml, $"{name}: {manager.RunScript("prepublishOnly")}", folder, manager.RunScript("prepublishOnly"));
            }

            var packFolder = $"{PackageManager.PackFolder}/{number}";
            yaml.BeginMap();
            yaml.TextEntry("name", $"Pack {name} with {manager.DisplayName}");
            yaml.QuotedEntry("working-directory", folder);
            yaml.Key("run");
            yaml.Literal($"rm -rf \"{packFolder}\"\nmkdir -p \"{packFolder}\"\n{manager.PackCommandInto(packFolder)}\n");
            yaml.EndMap();
        }

        yaml.BeginMap();
        yaml.TextEntry("name", "Check " + name);
        yaml.PlainEntry("id", "preflight-" + number);
        yaml.QuotedEntry("working-directory", folder);
        yaml.Key("env");
        yaml.BeginMap();
        yaml.QuotedEntry("TAG_PREFIX", NameRules.LiteralPrefix(package.TagPattern));
        yaml.QuotedEntry("ACCESS", package.Access);
        yaml.QuotedEntry("REGISTRY", WorkflowGenerator.Registry);
        if (package.DistTag != null)
        {
            yaml.QuotedEntry("DIST_TAG", package.DistTag);
        }

        if (manager.Packs)
        {
            yaml.QuotedEntry("PACKED_BY", manager.Command);
            yaml.QuotedEntry("PACKAGE_NUMBER", number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        yaml.EndMap();
        yaml.Key("run");
        yaml.Plain($"bash \"{WorkspacePreflight.ScriptPath}\"");
        yaml.EndMap();
    }

    private static void WritePublish(YamlWriter yaml, PublishSettings package, int number)
    {
        yaml.BeginMap();
        yaml.TextEntry("name", "Publish " + package.PackageName);
        yaml.PlainEntry("if", $"steps.preflight-{number}.outputs.publish == 'true'");
        yaml.QuotedEntry("working-directory", package.PackageDirectory.Length == 0 ? "." : package.PackageDirectory);
        yaml.Key("env");
        yaml.BeginMap();
        yaml.PlainEntry("DIST_TAG", $"${{{{ steps.preflight-{number}.outputs.dist_tag }}}}");
        if (package.PackageManager.Packs)
        {
            yaml.PlainEntry("TARBALL", $"${{{{ steps.preflight-{number}.outputs.tarball }}}}");
        }

        yaml.EndMap();
        yaml.Key("run");
        yaml.Plain(WorkflowGenerator.PublishCommand(package));
        yaml.EndMap();
    }

    private static void PackageStep(YamlWriter yaml, string name, string folder, string command)
    {
        yaml.BeginMap();
        yaml.TextEntry("name", name);
        yaml.QuotedEntry("working-directory", folder);
        yaml.TextEntry("run", command);
        yaml.EndMap();
    }

    /// <summary>True when a generated workflow's header says it publishes a project's listed packages.</summary>
    public static bool IsWorkspaceWorkflow(string workflow) => workflow.Contains("\n# " + TrustedPublisherLineStart);
}

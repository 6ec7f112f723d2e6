using System;
using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Model;
using TrustedPublish.Build.Text;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>
/// What a publish step runs with, from the steps of its job before it and the repository's package manager: the
/// Node.js that setup-node sets up, the npm upgrades (`npm install -g npm@SPEC`), the pnpm or Yarn version, and from
/// those the way the step authenticates (<see cref="PublishPath"/>). Shared by TPB075 (<see cref="NpmTooOldRule"/>),
/// TPB076 (<see cref="NpmLatestRefusedRule"/>), TPB084 (<see cref="PublisherLacksOidcRule"/>) and TPB085
/// (<see cref="PnpmSendsTokenPlaceholderRule"/>), which read it from <see cref="RuleContext.ToolsBeforePublish"/>: one walk
/// over each publishing job per run, what ran before a publish step carried forward, not searched again for every
/// publish step (a job can have thousands of steps).
/// </summary>
internal sealed class ToolsBeforePublish
{
    /// <summary>Actions known not to set up Node.js: a job with only these (and no setup-node) runs the runner's own Node.</summary>
    private static readonly string[] NotNodeSetups = { "actions/checkout@", "actions/cache@", "actions/upload-artifact@", "actions/download-artifact@", "actions/github-script@", "actions/setup-dotnet@" };

    private ToolsBeforePublish(PublishStep publish, JobSoFar job, string? registryUrl, PublishTool tool, string? managerVersion, PublishPath path, List<(WorkflowStep Step, NpmUpgrade Upgrade)> latestSincePreviousPublish)
    {
        Publish = publish;
        OtherSetup = job.OtherSetup;
        SetupNode = job.SetupNode;
        NodeSpec = SetupNode?.With == null ? null : WorkflowDocument.Text(WorkflowDocument.Child(SetupNode.With, "node-version"));
        Node = NodeSpec == null || NodeSpec.Contains("${{") ? null : NodeVersion.Read(NodeSpec);
        RegistryUrl = registryUrl;
        Upgraded = job.Upgraded;
        Tool = tool;
        ManagerVersion = managerVersion;
        Path = path;
        LatestSincePreviousPublish = latestSincePreviousPublish;
    }

    public PublishStep Publish { get; }

    /// <summary>
    /// True when, without setup-node, another action ran before the publish step (mise, volta, a composite setup
    /// action of the repository): the Node.js it sets up is unknown, not the runner's preinstalled one.
    /// </summary>
    public bool OtherSetup { get; }

    /// <summary>The last setup-node step before the publish step; null when there is none (the runner's preinstalled Node.js, with npm 10).</summary>
    public WorkflowStep? SetupNode { get; }

    /// <summary>setup-node's node-version as written; null without setup-node, or when setup-node has none.</summary>
    public string? NodeSpec { get; }

    /// <summary>
    /// The Node.js version set up, when the workflow says it; null without setup-node, and when it is not knowable
    /// here (node-version-file, a matrix value, an expression) or an alias (lts/*, node, latest: a current Node).
    /// </summary>
    public NodeVersion? Node { get; }

    /// <summary>setup-node's registry-url as written (it writes an .npmrc whose token is ${NODE_AUTH_TOKEN}); null without.</summary>
    public string? RegistryUrl { get; }

    /// <summary>True when an upgrade to npm 11.5.1 or newer (npm@latest included) ran before the publish step.</summary>
    public bool Upgraded { get; }

    /// <summary>The program that publishes: the step's, or for changeset publish the workspace's manager's; Unknown when not knowable.</summary>
    public PublishTool Tool { get; }

    /// <summary>The pnpm or Yarn version spec that publishes, as written (packageManager, or an install in the job); null when unknown or another tool.</summary>
    public string? ManagerVersion { get; }

    /// <summary>How the step gets its OIDC token, from the tool and its version.</summary>
    public PublishPath Path { get; }

    /// <summary>The npm@latest and npm@next upgrades that ran after the previous publish step of the job and before this one.</summary>
    public IReadOnlyList<(WorkflowStep Step, NpmUpgrade Upgrade)> LatestSincePreviousPublish { get; }

    /// <summary>How a message names the Node.js of the job.</summary>
    public string What => SetupNode == null ? "the runner's preinstalled Node.js (npm 10)" : $"node-version '{NodeSpec}'";

    public static IEnumerable<ToolsBeforePublish> Walk(RuleContext context)
    {
        foreach (var job in context.PublishSteps.GroupBy(p => p.Job))
        {
            var soFar = new JobSoFar();
            var next = 0;
            foreach (var publish in job.OrderBy(p => p.Step.Index))
            {
                var latest = new List<(WorkflowStep Step, NpmUpgrade Upgrade)>();
                for (; next < publish.Step.Index; next++)
                {
                    var step = job.Key.Steps[next];
                    if (step.Uses?.StartsWith("actions/setup-node@", StringComparison.OrdinalIgnoreCase) == true)
                    {
                        soFar.SetupNode = step;
                    }
                    else if (step.Uses is string uses && !NotNodeSetups.Any(n => uses.StartsWith(n, StringComparison.OrdinalIgnoreCase)))
                    {
                        soFar.OtherSetup = true;
                    }

                    foreach (var upgrade in NpmUpgrades(step.Run?.Value))
                    {
                        soFar.Upgraded |= NewEnough(upgrade.Spec);
                        if (upgrade.Spec is "latest" or "next")
                        {
                            latest.Add((step, upgrade));
                        }
                    }

                    foreach (var (manager, spec) in ManagerInstalls(step))
                    {
                        if (manager == "pnpm")
                        {
                            soFar.Pnpm = spec;
                        }
                        else
                        {
                            soFar.Yarn = spec;
                        }
                    }
                }

                var (tool, version) = WhoPublishes(publish.Tool, context.PackageManager, soFar);
                var registryUrl = soFar.SetupNode?.With == null ? null : WorkflowDocument.Text(WorkflowDocument.Child(soFar.SetupNode.With, "registry-url"));
                yield return new ToolsBeforePublish(publish, soFar, registryUrl, tool, version, PathOf(tool, version, registryUrl), latest);
            }
        }
    }

    /// <summary>
    /// The program and the version that publish. packageManager comes before the job's installs: corepack and
    /// pnpm/action-setup hold a project to it. changeset publish runs the workspace's manager (@changesets/cli: pnpm
    /// publish, yarn npm publish for Yarn 2+, npm for the rest; it refuses Yarn classic, which has no OIDC either).
    /// </summary>
    private static (PublishTool Tool, string? Version) WhoPublishes(PublishTool tool, PackageManager manager, JobSoFar job)
    {
        var pnpm = manager.KnownVersionOf("pnpm") ?? job.Pnpm;
        var yarn = manager.KnownVersionOf("yarn") ?? job.Yarn;
        if (tool == PublishTool.Changesets)
        {
            var yarnMajor = yarn != null && VersionNumbers.TryReadNewest(yarn, out var major, out _, out _) ? major : (int?)null;
            tool = manager.KnownCommand switch
            {
                "pnpm" => PublishTool.Pnpm,
                "yarn" => yarnMajor == null ? PublishTool.Unknown : yarnMajor >= 2 ? PublishTool.YarnBerry : PublishTool.YarnClassic,
                "npm" or "bun" => PublishTool.Npm,
                _ => PublishTool.Unknown,
            };
        }

        return (tool, tool == PublishTool.Pnpm ? pnpm : tool is PublishTool.YarnBerry or PublishTool.YarnClassic ? yarn : null);
    }

    private static PublishPath PathOf(PublishTool tool, string? version, string? registryUrl)
    {
        int major = 0;
        int? minor = null, patch = null;
        var known = version != null && VersionNumbers.TryReadNewest(version, out major, out minor, out patch);
        switch (tool)
        {
            case PublishTool.Npm:
            case PublishTool.Lerna:
                return PublishPath.NpmOnPath;
            case PublishTool.SemanticRelease:
                return PublishPath.BundledNpm;
            case PublishTool.YarnClassic:
            case PublishTool.Bun:
                return PublishPath.NoOidc;
            case PublishTool.Pnpm when known:
                // pnpm 11.1.3 stopped sending setup-node's placeholder; setup-node writes it only for its registry-url.
                return major < 11 ? PublishPath.PnpmThroughNpm
                    : !VersionNumbers.AtLeast(major, minor, patch, 11, 1, 3) && IsNpmRegistry(registryUrl) ? PublishPath.PnpmSendsPlaceholder
                    : PublishPath.OwnOidc;
            case PublishTool.YarnBerry when known:
                return VersionNumbers.AtLeast(major, minor, patch, 4, 10, 0) ? PublishPath.OwnOidc : PublishPath.YarnTooOld;
            default:
                // An unknown pnpm or Yarn version may well be new enough: no finding rather than an error on a correct workflow.
                return PublishPath.Unknown;
        }
    }

    private static bool IsNpmRegistry(string? url)
    {
        var trimmed = url?.Trim().TrimEnd('/');
        return string.Equals(trimmed, "https://registry.npmjs.org", StringComparison.OrdinalIgnoreCase)
            || string.Equals(trimmed, "http://registry.npmjs.org", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>What the steps of a job before a publish step set up, carried forward from one publish step to the next.</summary>
    private sealed class JobSoFar
    {
        public WorkflowStep? SetupNode { get; set; }

        public bool OtherSetup { get; set; }

        public bool Upgraded { get; set; }

        public string? Pnpm { get; set; }

        public string? Yarn { get; set; }
    }

    /// <summary>An `npm install -g npm@SPEC` command: its text as written (for locating it) and the spec.</summary>
    internal readonly struct NpmUpgrade
    {
        public NpmUpgrade(string text, string spec)
        {
            Text = text;
            Spec = spec;
        }

        public string Text { get; }

        public string Spec { get; }
    }

    /// <summary>
    /// The commands of a script that install npm globally: `npm install|i|add`, a `-g`/`--global` flag and an
    /// `npm@SPEC` argument in any order, with `npm` at command position (after environment assignments or sudo).
    /// </summary>
    private static IEnumerable<NpmUpgrade> NpmUpgrades(string? script)
    {
        if (script == null || script.IndexOf("npm@", StringComparison.Ordinal) < 0)
        {
            yield break;
        }

        // The shell reader puts npm at command position (after assignments, sudo, env): an echo of the command is no upgrade.
        foreach (var command in ShellCommands.Read(script))
        {
            foreach (var (package, spec) in GlobalNpmInstalls(command))
            {
                if (package == "npm")
                {
                    yield return new NpmUpgrade(command.Text, spec);
                }
            }
        }
    }

    /// <summary>The PACKAGE@SPEC arguments of `npm install|i|add -g|--global ...` (flag and packages in any order).</summary>
    private static IEnumerable<(string Package, string Spec)> GlobalNpmInstalls(ShellCommand command)
    {
        var sub = PublishCommands.NpmSubcommand(command);
        if (sub < 0 || command.Words[sub].Value is not ("install" or "i" or "add"))
        {
            yield break;
        }

        var arguments = command.Words.Skip(sub + 1).Select(w => w.Value).ToList();
        if (!arguments.Any(a => a is "-g" or "--global" or "--global=true" or "--location=global"))
        {
            yield break;
        }

        foreach (var argument in arguments)
        {
            var at = argument.IndexOf('@', 1);
            if (at > 0 && !argument.StartsWith("-", StringComparison.Ordinal))
            {
                yield return (argument.Substring(0, at), argument.Substring(at + 1));
            }
        }
    }

    /// <summary>
    /// The pnpm and Yarn versions a step installs: pnpm/action-setup's `version` input; `corepack prepare|use|install
    /// pnpm@X` (or yarn@X); `npm install -g pnpm@X`, `@pnpm/exe@X` or `@yarnpkg/cli-dist@X` (Yarn Berry's package: the
    /// `yarn` package is classic); `yarn set version X`.
    /// </summary>
    private static IEnumerable<(string Manager, string Spec)> ManagerInstalls(WorkflowStep step)
    {
        if (step.Uses?.StartsWith("pnpm/action-setup@", StringComparison.OrdinalIgnoreCase) == true
            && WorkflowDocument.Text(WorkflowDocument.Child(step.With, "version")) is string actionVersion && !actionVersion.Contains("${{"))
        {
            yield return ("pnpm", actionVersion);
        }

        var script = step.Run?.Value;
        if (script == null || (script.IndexOf("pnpm", StringComparison.Ordinal) < 0 && script.IndexOf("yarn", StringComparison.Ordinal) < 0))
        {
            yield break; // Cheap: no manager named, nothing read.
        }

        foreach (var command in ShellCommands.Read(script))
        {
            var words = command.Words.Select(w => w.Value).ToList();
            switch (PublishCommands.ProgramName(words[0]))
            {
                case "npm":
                    foreach (var (package, spec) in GlobalNpmInstalls(command))
                    {
                        if (package is "pnpm" or "@pnpm/exe")
                        {
                            yield return ("pnpm", spec);
                        }
                        else if (package == "@yarnpkg/cli-dist")
                        {
                            yield return ("yarn", spec);
                        }
                    }

                    break;

                case "corepack" when words.Count > 2 && words[1] is "prepare" or "use" or "install":
                    foreach (var argument in words.Skip(2))
                    {
                        if (argument.StartsWith("pnpm@", StringComparison.Ordinal) || argument.StartsWith("yarn@", StringComparison.Ordinal))
                        {
                            yield return (argument.Substring(0, 4), argument.Substring(5));
                        }
                    }

                    break;

                case "yarn" when words.Count > 3 && words[1] == "set" && words[2] == "version":
                    yield return ("yarn", words[3]);
                    break;
            }
        }
    }

    /// <summary>True when the npm spec's first version (^11.6.2, >=11.5.1, 11) is 11.5.1 or newer; a missing minor or patch is the newest.</summary>
    private static bool NewEnough(string spec)
    {
        if (spec == "latest" || spec == "next")
        {
            return true;
        }

        var i = 0;
        while (i < spec.Length && !Chars.IsAsciiDigit(spec[i]))
        {
            i++;
        }

        return VersionNumbers.TryRead(spec.Substring(i), out var major, out var minor, out var patch) && VersionNumbers.AtLeast(major, minor, patch, 11, 5, 1);
    }
}

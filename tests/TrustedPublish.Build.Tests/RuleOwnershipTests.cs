using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.Rules;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// One code, one place: a code in a build log leads to one file. Each rule is a class named after the descriptor it
/// raises, alone in a file of its name, and the only file that names that descriptor; each code that no rule raises
/// has one owning file too, listed here.
/// </summary>
[TestClass]
public sealed class RuleOwnershipTests
{
    /// <summary>
    /// Who raises the codes that are not rules' findings, by path under src/. The core (no file system, no MSBuild) owns
    /// what it can decide from the inputs; the task owns what needs the project or the disk: the package folder and
    /// repository root it looks up (TPB001, TPB012, TPB013), writing, reading and ownership of files (TPB040-TPB042,
    /// TPB047), and the failure it catches (TPB099); the repository file system refuses links, devices and huge files
    /// (TPB043-TPB045). The NuGet workflow's settings (TPB050-TPB057) are NuGetSettingsResolver's.
    /// </summary>
    private static readonly Dictionary<string, string> NonRuleOwners = new()
    {
        [nameof(DiagnosticCatalog.PackageJsonMissing)] = "TrustedPublish.Build/Tasks/TrustedPublishTaskBase.cs",
        [nameof(DiagnosticCatalog.OwnerUnknown)] = "TrustedPublish.Build.Core/Model/SettingsResolver.cs",
        [nameof(DiagnosticCatalog.OwnerInvalid)] = "TrustedPublish.Build.Core/Model/SettingsResolver.cs",
        [nameof(DiagnosticCatalog.RepositoryInvalid)] = "TrustedPublish.Build.Core/Model/SettingsResolver.cs",
        [nameof(DiagnosticCatalog.PackageNameInvalid)] = "TrustedPublish.Build.Core/Model/SettingsResolver.cs",
        [nameof(DiagnosticCatalog.WorkflowFileInvalid)] = "TrustedPublish.Build.Core/Model/SettingsResolver.cs",
        [nameof(DiagnosticCatalog.NodeVersionInvalid)] = "TrustedPublish.Build.Core/Model/SettingsResolver.cs",
        [nameof(DiagnosticCatalog.EnvironmentInvalid)] = "TrustedPublish.Build.Core/Model/SettingsResolver.cs",
        [nameof(DiagnosticCatalog.AccessInvalid)] = "TrustedPublish.Build.Core/Model/SettingsResolver.cs",
        [nameof(DiagnosticCatalog.BooleanInvalid)] = "TrustedPublish.Build.Core/Model/SettingsResolver.cs",
        [nameof(DiagnosticCatalog.TagPatternInvalid)] = "TrustedPublish.Build.Core/Model/SettingsResolver.cs",
        [nameof(DiagnosticCatalog.RepositoryRootMissing)] = "TrustedPublish.Build/Tasks/TrustedPublishTaskBase.cs",
        [nameof(DiagnosticCatalog.PackageOutsideRepository)] = "TrustedPublish.Build/Tasks/TrustedPublishTaskBase.cs",
        [nameof(DiagnosticCatalog.DistTagInvalid)] = "TrustedPublish.Build.Core/Model/SettingsResolver.cs",
        [nameof(DiagnosticCatalog.RunnerInvalid)] = "TrustedPublish.Build.Core/Model/SettingsResolver.cs",
        [nameof(DiagnosticCatalog.ScriptNameInvalid)] = "TrustedPublish.Build.Core/Model/SettingsResolver.cs",
        [nameof(DiagnosticCatalog.PropertyBlank)] = "TrustedPublish.Build.Core/Model/SettingsResolver.cs",
        [nameof(DiagnosticCatalog.PackageDirectoryUnsafe)] = "TrustedPublish.Build.Core/Model/SettingsResolver.cs",
        [nameof(DiagnosticCatalog.PackageJsonInvalid)] = "TrustedPublish.Build.Core/TrustedPublishEngine.cs",
        [nameof(DiagnosticCatalog.PackageJsonWrongShape)] = "TrustedPublish.Build.Core/TrustedPublishEngine.cs",
        [nameof(DiagnosticCatalog.PackageJsonDrift)] = "TrustedPublish.Build.Core/Verification/PackageJsonDrift.cs",
        [nameof(DiagnosticCatalog.WorkflowDrift)] = "TrustedPublish.Build.Core/Verification/WorkflowDrift.cs",
        [nameof(DiagnosticCatalog.WorkflowMissing)] = "TrustedPublish.Build.Core/Verification/WorkflowDrift.cs",
        [nameof(DiagnosticCatalog.ActionPinDrift)] = "TrustedPublish.Build.Core/Verification/ActionPinDrift.cs",
        [nameof(DiagnosticCatalog.ActionPinInvalid)] = "TrustedPublish.Build.Core/Model/ActionPinItems.cs",
        [nameof(DiagnosticCatalog.WriteFailed)] = "TrustedPublish.Build/Tasks/TrustedPublishTaskBase.cs",
        [nameof(DiagnosticCatalog.ReadFailed)] = "TrustedPublish.Build/Tasks/TrustedPublishTaskBase.cs",
        [nameof(DiagnosticCatalog.ConflictingProjects)] = "TrustedPublish.Build.Core/Workflow/WorkflowOwnership.cs",
        [nameof(DiagnosticCatalog.RepositorySourcesDisagree)] = "TrustedPublish.Build.Core/Model/RepositorySources.cs",
        [nameof(DiagnosticCatalog.RepositoryWouldMove)] = "TrustedPublish.Build.Core/Model/RepositorySources.cs",
        [nameof(DiagnosticCatalog.RepositoryCaseDiffers)] = "TrustedPublish.Build.Core/Model/RepositorySources.cs",
        [nameof(DiagnosticCatalog.PackageNotPublishable)] = "TrustedPublish.Build.Core/TrustedPublishEngine.cs",
        [nameof(DiagnosticCatalog.PackageItemFolderMissing)] = "TrustedPublish.Build.Core/Model/WorkspaceResolver.cs",
        [nameof(DiagnosticCatalog.PackageItemOutsideRepository)] = "TrustedPublish.Build.Core/Model/WorkspaceResolver.cs",
        [nameof(DiagnosticCatalog.PackageItemListedTwice)] = "TrustedPublish.Build.Core/Model/WorkspaceResolver.cs",
        [nameof(DiagnosticCatalog.PackageItemMetadataInvalid)] = "TrustedPublish.Build.Core/Model/WorkspaceResolver.cs",
        [nameof(DiagnosticCatalog.PackagesDoNotShareWorkspace)] = "TrustedPublish.Build.Core/Model/WorkspaceResolver.cs",
        [nameof(DiagnosticCatalog.PackageDependencyCycle)] = "TrustedPublish.Build.Core/Model/WorkspaceResolver.cs",
        [nameof(DiagnosticCatalog.PropertyIgnoredWithPackageItems)] = "TrustedPublish.Build.Core/Model/WorkspaceResolver.cs",
        [nameof(DiagnosticCatalog.TriggerInvalid)] = "TrustedPublish.Build.Core/Model/SettingsResolver.cs",
        [nameof(DiagnosticCatalog.PackageListedByTwoProjects)] = "TrustedPublish.Build.Core/TrustedPublishEngine.cs",
        [nameof(DiagnosticCatalog.PackageManagerNotSupported)] = "TrustedPublish.Build.Core/Model/PackageManagerDetector.cs",
        [nameof(DiagnosticCatalog.PackageManagerVersionNotPinned)] = "TrustedPublish.Build.Core/Model/PackageManagerDetector.cs",
        [nameof(DiagnosticCatalog.PackageManagerPropertyInvalid)] = "TrustedPublish.Build.Core/Model/PackageManagerDetector.cs",
        [nameof(DiagnosticCatalog.UnresolvedDependencyRange)] = "TrustedPublish.Build.Core/Model/PackageManagerDetector.cs",
        [nameof(DiagnosticCatalog.SymbolicLink)] = "TrustedPublish.Build/IO/RepositoryFileSystem.cs",
        [nameof(DiagnosticCatalog.NotARegularFile)] = "TrustedPublish.Build/IO/RepositoryFileSystem.cs",
        [nameof(DiagnosticCatalog.FileTooLarge)] = "TrustedPublish.Build/IO/RepositoryFileSystem.cs",
        [nameof(DiagnosticCatalog.PackageJsonKeptByTwoProjects)] = "TrustedPublish.Build.Core/TrustedPublishEngine.cs",
        [nameof(DiagnosticCatalog.WorkflowNotGenerated)] = "TrustedPublish.Build.Core/Workflow/WorkflowOwnership.cs",
        [nameof(DiagnosticCatalog.WorkflowUnreadable)] = "TrustedPublish.Build.Core/Rules/RuleContext.cs",
        [nameof(DiagnosticCatalog.MoreFindingsNotShown)] = "TrustedPublish.Build.Core/Rules/RuleRunner.cs",
        [nameof(DiagnosticCatalog.InternalError)] = "TrustedPublish.Build/Tasks/TrustedPublishTaskBase.cs",
        [nameof(DiagnosticCatalog.NuGetProjectNotPackable)] = "TrustedPublish.Build.Core/Model/NuGetSettingsResolver.cs",
        [nameof(DiagnosticCatalog.NuGetUserInvalid)] = "TrustedPublish.Build.Core/Model/NuGetSettingsResolver.cs",
        [nameof(DiagnosticCatalog.NuGetWorkflowFileInvalid)] = "TrustedPublish.Build.Core/Model/NuGetSettingsResolver.cs",
        [nameof(DiagnosticCatalog.NuGetWorkflowFileTaken)] = "TrustedPublish.Build.Core/Model/NuGetSettingsResolver.cs",
        [nameof(DiagnosticCatalog.DotNetVersionInvalid)] = "TrustedPublish.Build.Core/Model/DotNetSdk.cs",
        [nameof(DiagnosticCatalog.NuGetPackageIdInvalid)] = "TrustedPublish.Build.Core/Model/NuGetSettingsResolver.cs",
        [nameof(DiagnosticCatalog.NuGetTestProjectInvalid)] = "TrustedPublish.Build.Core/Model/NuGetSettingsResolver.cs",
        [nameof(DiagnosticCatalog.NuGetProjectPathUnsafe)] = "TrustedPublish.Build.Core/Model/DotNetSdk.cs",
    };

    private static readonly string Src = Path.Combine(TestPaths.RepositoryRoot, "src");

    private static readonly string CataloguePath = "TrustedPublish.Build.Core/Diagnostics/DiagnosticCatalog.cs";

    /// <summary>Every .cs file under src/ (build output left out), by path relative to src/ with forward slashes, without its comment lines.</summary>
    private static Dictionary<string, string> SourceFiles() => Directory
        .EnumerateFiles(Src, "*.cs", SearchOption.AllDirectories)
        .Select(path => Path.GetRelativePath(Src, path).Replace('\\', '/'))
        .Where(path => !path.Split('/').Any(part => part is "bin" or "obj"))
        .ToDictionary(path => path, path => string.Join("\n", File.ReadAllLines(Path.Combine(Src, path)).Where(line => !line.TrimStart().StartsWith("//", System.StringComparison.Ordinal))));

    /// <summary>The catalogue's descriptors by field name.</summary>
    private static Dictionary<string, DiagnosticDescriptor> Descriptors() => typeof(DiagnosticCatalog)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .ToDictionary(f => f.Name, f => (DiagnosticDescriptor)f.GetValue(null)!);

    private static string NameOf(DiagnosticDescriptor descriptor) => Descriptors().Single(d => d.Value == descriptor).Key;

    [TestMethod]
    public void EveryRuleClass_RunsOnce()
    {
        var ruleTypes = typeof(IRepositoryRule).Assembly.GetTypes().Where(t => typeof(IRepositoryRule).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface);
        CollectionAssert.AreEquivalent(ruleTypes.ToList(), RuleRunner.Rules.Select(r => r.GetType()).ToList());
    }

    [TestMethod]
    public void EveryRuleDescriptor_IsDeclaredByExactlyOneRule_ARuleByOneCodeAndItsVariants()
    {
        var declared = RuleRunner.Rules.SelectMany(r => r.Raises.Select(d => (Rule: r.GetType().Name, Descriptor: d))).ToList();
        foreach (var twice in declared.GroupBy(x => x.Descriptor).Where(g => g.Count() > 1))
        {
            Assert.Fail($"{twice.Key.Code} is declared by {string.Join(" and ", twice.Select(x => x.Rule))}");
        }

        foreach (var rule in RuleRunner.Rules)
        {
            var name = rule.GetType().Name;
            Assert.IsTrue(rule.Raises.Count > 0, $"{name} declares nothing it raises");
            Assert.IsNull(rule.Raises[0].VariantOf, $"{name}: the first descriptor names the rule, so it is not a variant");
            Assert.IsTrue(rule.Raises.Skip(1).All(d => d.VariantOf == rule.Raises[0]), $"{name}: one code per rule; the others are variants of the first");
            CollectionAssert.IsSubsetOf(rule.Raises.ToList(), DiagnosticCatalog.All.ToList(), name);
        }
    }

    /// <summary>TPB075 is NpmTooOld in the catalogue, NpmTooOldRule in NpmTooOldRule.cs under src/TrustedPublish.Build.Core/Rules, alone there.</summary>
    [TestMethod]
    public void EveryRule_IsNamedAfterItsDescriptor_AloneInAFileOfItsName()
    {
        var sources = SourceFiles();
        foreach (var rule in RuleRunner.Rules)
        {
            var name = rule.GetType().Name;
            Assert.AreEqual(NameOf(rule.Raises[0]) + "Rule", name, $"{rule.Raises[0].Code}: the rule is named after its descriptor");
            var files = sources.Keys.Where(p => p.StartsWith("TrustedPublish.Build.Core/Rules/", System.StringComparison.Ordinal) && Path.GetFileName(p) == name + ".cs").ToList();
            Assert.AreEqual(1, files.Count, $"{name}: one file {name}.cs under Rules/");
            var types = Regex.Matches(sources[files[0]], @"\b(?:class|struct|interface|enum|record)\s+(\w+)").Select(m => m.Groups[1].Value).ToList();
            CollectionAssert.AreEqual(new[] { name }, types, $"{files[0]} holds {name} only");
        }
    }

    /// <summary>
    /// Each descriptor is named (DiagnosticCatalog.X, where X.Create( raises it) in exactly one file: its rule's file, or
    /// for a code no rule raises, the owner listed in <see cref="NonRuleOwners"/>. Nothing reaches the catalogue another way.
    /// </summary>
    [TestMethod]
    public void EveryDescriptor_IsNamedInExactlyOneFile_ItsRuleOrItsListedOwner()
    {
        var sources = SourceFiles();
        var ruleFiles = RuleRunner.Rules.SelectMany(r => r.Raises.Select(d => (d, r.GetType().Name + ".cs"))).ToDictionary(x => x.d, x => x.Item2);
        var descriptors = Descriptors();
        foreach (var (name, descriptor) in descriptors)
        {
            var files = sources.Where(s => s.Key != CataloguePath && Regex.IsMatch(s.Value, @"\bDiagnosticCatalog\." + name + @"\b")).Select(s => s.Key).ToList();
            Assert.AreEqual(1, files.Count, $"{descriptor.Code} ({name}) is named in: {string.Join(", ", files.DefaultIfEmpty("no file"))}");
            if (ruleFiles.TryGetValue(descriptor, out var ruleFile))
            {
                Assert.IsFalse(NonRuleOwners.ContainsKey(name), $"{descriptor.Code} is a rule's; it has no other owner");
                Assert.AreEqual(ruleFile, Path.GetFileName(files[0]), $"{descriptor.Code} is named outside its rule");
            }
            else
            {
                Assert.IsTrue(NonRuleOwners.TryGetValue(name, out var owner), $"{descriptor.Code} ({name}): no rule raises it, and no owner is listed");
                Assert.AreEqual(owner, files[0], $"{descriptor.Code} ({name})");
            }
        }

        CollectionAssert.IsSubsetOf(NonRuleOwners.Keys.ToList(), descriptors.Keys.ToList(), "an owner listed for a descriptor that does not exist");

        // No way around the names: no `using static` of the catalogue, no loop over All, no alias of the class.
        foreach (var (path, text) in sources.Where(s => s.Key != CataloguePath))
        {
            Assert.IsFalse(Regex.IsMatch(text, @"using\s+static\s+TrustedPublish\.Build\.Diagnostics\.DiagnosticCatalog|DiagnosticCatalog\.All\b|=\s*TrustedPublish\.Build\.Diagnostics\.DiagnosticCatalog\s*;"), path);
        }
    }
}

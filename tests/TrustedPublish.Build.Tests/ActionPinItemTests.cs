using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.Model;
using TrustedPublish.Build.Rules;
using TrustedPublish.Build.Verification;
using TrustedPublish.Build.Workflow;

namespace TrustedPublish.Build.Tests;

/// <summary>TrustedPublishActionPin items: a pin set in the project replaces the package's; an invalid one is TPB034 at its line.</summary>
[TestClass]
public sealed class ActionPinItemTests
{
    private const string NewerSha = "0123456789abcdef0123456789abcdef01234567";
    private const string OlderSha = "d23441a48e516b6c34aea4fa41551a30e30af803"; // actions/checkout v6.1.0 (facts.md)
    private const string WorkflowPath = ".github/workflows/publish.yml";

    private static readonly string PackagedCheckout = "actions/checkout@" + ActionPins.Checkout.Commit + " # " + ActionPins.Checkout.Release;

    private static string Generated(TrustedPublishInputs? inputs = null) => TrustedPublishEngine.Run(inputs ?? TestInputs.Create()).Workflow!;

    // ---- project items ----

    private static TrustedPublishInputs WithItems(params ActionPinItem[] items)
    {
        var inputs = TestInputs.Create();
        inputs.ActionPins = items;
        return inputs;
    }

    [TestMethod]
    public void ProjectItem_ReplacesThePackagesPin()
    {
        var workflow = Generated(WithItems(new ActionPinItem("actions/checkout", NewerSha, "v7.2.0")));
        StringAssert.Contains(workflow, "uses: actions/checkout@" + NewerSha + " # v7.2.0\n");
    }

    [TestMethod]
    public void ProjectItem_NewerThanTheCommittedPin_Wins_AndAnOlderItemIsKeptOverThePackage()
    {
        // The committed file was bumped to v7.1.0; the project now pins v7.2.0: the newer configured pin wins.
        var bumped = Generated().Replace(PackagedCheckout, "actions/checkout@" + NewerSha + " # v7.1.0", System.StringComparison.Ordinal);
        var itemSha = "fedcba9876543210fedcba9876543210fedcba98";
        var inputs = WithItems(new ActionPinItem("actions/checkout", itemSha, "v7.2.0"));
        inputs.Workflows = new[] { new RepositoryFile("/repo/" + WorkflowPath, WorkflowPath, bumped) };
        var written = TrustedPublishEngine.Run(inputs).Workflow!;
        var drift = WorkflowDrift.Check(written, bumped, "/repo/" + WorkflowPath, WorkflowPath);
        StringAssert.Contains(written, "actions/checkout@" + itemSha + " # v7.2.0");
        Assert.AreEqual("TPB033", drift!.Code);
        StringAssert.Contains(drift.Message, "older than v7.2.0");
        StringAssert.Contains(drift.Message, "TrustedPublishActionPin item");

        // An item may go back (a runner that needs an older release): it is the project's explicit choice.
        StringAssert.Contains(Generated(WithItems(new ActionPinItem("actions/checkout", OlderSha, "v6.1.0"))), "actions/checkout@" + OlderSha + " # v6.1.0");
    }

    // ---- project items through the task, in process ----

    private static TaskRepository RepositoryWithItems(string items)
    {
        var repo = new TaskRepository();
        File.WriteAllText(repo.ProjectFile, "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n  </PropertyGroup>\n  <ItemGroup>\n" + items + "  </ItemGroup>\n</Project>\n");
        return repo;
    }

    private static ITaskItem Item(string action, string sha, string version, string? definedIn = null)
    {
        var item = new TaskItem(action);
        item.SetMetadata("Sha", sha);
        item.SetMetadata("Version", version);
        if (definedIn != null)
        {
            // Well-known metadata cannot be set on a TaskItem; a wrapper that answers for it stands in for MSBuild's item.
            return new DefinedItem(item, definedIn);
        }

        return item;
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
    public void ValidItem_IsWrittenByGenerate_AndVerifyIsClean()
    {
        using var repo = RepositoryWithItems($"    <TrustedPublishActionPin Include=\"actions/setup-node\" Sha=\"{NewerSha}\" Version=\"v7.3.0\" />\n");
        repo.ActionPins.Add(Item("actions/setup-node", NewerSha, "v7.3.0"));
        var generate = repo.Generate();
        Assert.IsTrue(generate.Succeeded, generate.Engine.Log);
        StringAssert.Contains(File.ReadAllText(repo.WorkflowPath), "uses: actions/setup-node@" + NewerSha + " # v7.3.0\n");
        var verify = repo.Verify();
        Assert.IsTrue(verify.Succeeded, verify.Engine.Log);

        // Removing the item: the committed pin is newer than the package's, so it stays, as a bot's update would.
        repo.ActionPins.Clear();
        var stale = repo.Verify();
        Assert.IsTrue(stale.Succeeded, "a pin newer than the package's stays accepted without the item: " + stale.Engine.Log);
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
    [DataRow("actions/checkout", "3d3c42e", "v7.2.0", "has Sha '3d3c42e', which is not a full commit SHA", DisplayName = "short Sha")]
    [DataRow("actions/checkout", NewerSha, "7.2", "has Version '7.2', which is not a release", DisplayName = "unparsable Version")]
    [DataRow("actions/checkout", "", "", "has no Sha and has no Version", DisplayName = "no metadata")]
    [DataRow("actions/cache", NewerSha, "v4.2.0", "names an action the generated workflow does not use (it uses actions/checkout, actions/setup-node, actions/setup-dotnet, NuGet/login)", DisplayName = "an action the generator does not emit")]
    public void InvalidItem_IsTPB034_AtTheItemsLine(string action, string sha, string version, string why)
    {
        using var repo = RepositoryWithItems(
            $"    <TrustedPublishActionPin Include=\"actions/setup-node\" Sha=\"{NewerSha}\" Version=\"v7.3.0\" />\n" +
            $"    <TrustedPublishActionPin\n        Include=\"{action}\" Sha=\"{sha}\" Version=\"{version}\" />\n");
        repo.ActionPins.Add(Item("actions/setup-node", NewerSha, "v7.3.0"));
        repo.ActionPins.Add(Item(action, sha, version));
        var run = repo.Generate();
        Assert.IsFalse(run.Succeeded);
        var error = run.Engine.Errors.Single();
        Assert.AreEqual(("TPB034", repo.ProjectFile, 6, 5), (error.Code, error.File, error.LineNumber, error.ColumnNumber), run.Engine.Log);
        StringAssert.Contains(error.Message, $"TrustedPublishActionPin '{action}' {why}");
        Assert.IsFalse(File.Exists(repo.WorkflowPath), "nothing is generated with an invalid pin");
        Assert.AreEqual("TPB034", repo.Verify().Engine.Errors.Single().Code);
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
    public void DuplicateItem_InDirectoryBuildProps_IsTPB034_AtItsLineThere()
    {
        using var repo = RepositoryWithItems("");
        var props = repo.Path_("Directory.Build.props");
        File.WriteAllText(props, $"<Project>\n  <ItemGroup>\n    <TrustedPublishActionPin Include=\"actions/checkout\" Sha=\"{NewerSha}\" Version=\"v7.2.0\" />\n    <TrustedPublishActionPin Include='actions/checkout' Sha=\"{OlderSha}\" Version=\"v6.1.0\" />\n  </ItemGroup>\n</Project>\n");
        repo.ActionPins.Add(Item("actions/checkout", NewerSha, "v7.2.0", props));
        repo.ActionPins.Add(Item("actions/checkout", OlderSha, "v6.1.0", props));
        var error = repo.Generate().Engine.Errors.Single();
        Assert.AreEqual(("TPB034", props, 4), (error.Code, error.File, error.LineNumber), "the second item, in single quotes");
        StringAssert.Contains(error.Message, "is set a second time");
    }

    /// <summary>An item whose DefiningProjectFullPath is a given file, as MSBuild sets it for items from imported files.</summary>
    private sealed class DefinedItem : ITaskItem
    {
        private readonly ITaskItem inner;
        private readonly string definedIn;

        public DefinedItem(ITaskItem inner, string definedIn)
        {
            this.inner = inner;
            this.definedIn = definedIn;
        }

        public string ItemSpec { get => inner.ItemSpec; set => inner.ItemSpec = value; }

        public System.Collections.ICollection MetadataNames => inner.MetadataNames;

        public int MetadataCount => inner.MetadataCount;

        public string GetMetadata(string metadataName) => metadataName == "DefiningProjectFullPath" ? definedIn : inner.GetMetadata(metadataName);

        public void SetMetadata(string metadataName, string metadataValue) => inner.SetMetadata(metadataName, metadataValue);

        public void RemoveMetadata(string metadataName) => inner.RemoveMetadata(metadataName);

        public void CopyMetadataTo(ITaskItem destinationItem) => inner.CopyMetadataTo(destinationItem);

        public System.Collections.IDictionary CloneCustomMetadata() => inner.CloneCustomMetadata();
    }
}

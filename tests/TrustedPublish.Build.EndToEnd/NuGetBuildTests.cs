using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.Tests;

[TestClass]
public sealed class NuGetBuildTests
{
    /// <summary>
    /// A class library without package.json that sets TrustedPublishNuGetUser, built with the packed package: the first
    /// build writes the NuGet workflow and prints the nuget.org policy, a CI build verifies it, an edit fails CI with
    /// TPB030 at the line, and a non-packable project is TPB050 at the property's line.
    /// </summary>
    [TestMethod]
    public void NuGetOnlyLibrary_GeneratesPrintsThePolicy_AndCIVerifies()
    {
        using var repo = new ConsumerRepository("https://github.com/Acme-Org/widget.git");
        repo.AddProject("src/Acme.Widget", "", "<TrustedPublishNuGetUser>acme-bot</TrustedPublishNuGetUser>");
        var workflow = repo.Path_(".github/workflows/publish-nuget.yml");

        var first = repo.Dotnet("build", "src/Acme.Widget/Acme.Widget.csproj");
        ConsumerRepository.AssertSucceeded(first);
        StringAssert.Contains(first.Output, "wrote .github/workflows/publish-nuget.yml");
        StringAssert.Contains(first.Output, "Repository owner: Acme-Org");
        StringAssert.Contains(first.Output, "Workflow file:    publish-nuget.yml");
        var text = File.ReadAllText(workflow);
        StringAssert.Contains(text, "PROJECT: \"src/Acme.Widget/Acme.Widget.csproj\"");
        StringAssert.Contains(text, "PACKAGE_ID: \"Acme.Widget\"");
        StringAssert.Contains(text, "global-json-file: global.json");
        Assert.IsFalse(File.Exists(repo.WorkflowPath), "no package.json: no npm workflow");

        ConsumerRepository.AssertSucceeded(repo.DotnetCI("build", "src/Acme.Widget/Acme.Widget.csproj"));
        File.WriteAllText(workflow, text.Replace("cancel-in-progress: false", "cancel-in-progress: true", StringComparison.Ordinal));
        ConsumerRepository.AssertError(repo.DotnetCI("build", "src/Acme.Widget/Acme.Widget.csproj"), "TPB030", "publish-nuget.yml");

        repo.AddProject("src/Acme.Widget.Tests", "", "<TrustedPublishNuGetUser>acme-bot</TrustedPublishNuGetUser>\n    <IsPackable>false</IsPackable>");
        var error = ConsumerRepository.AssertError(repo.Dotnet("build", "src/Acme.Widget.Tests/Acme.Widget.Tests.csproj"), "TPB050", "Acme.Widget.Tests.csproj");
        Assert.AreEqual("4", error.Groups["line"].Value, error.Value);
    }
}

using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.RunsForReal;

/// <summary>What every run of a generated workflow is judged by, whichever package manager built the package.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class PublishAssertions
{
    public const string PreflightStep = "Check trusted-publishing prerequisites";

    public static void Succeeded(LocalRegistry registry, WorkflowRun run, TestContext context)
    {
        context.WriteLine(run.Log);
        Assert.IsTrue(run.Succeeded, $"the run failed at '{run.FailedStep?.Name}':\n{run.Log}\nVerdaccio:\n{registry.VerdaccioLog}");
    }

    /// <summary>
    /// The publish went through npm's OIDC exchange: one granted exchange for the package, under npm's escaped name, and
    /// then one publish (PUT) that carried the token that exchange handed out and no other.
    /// </summary>
    public static OidcExchange PublishedThroughTheExchange(LocalRegistry registry, string name)
    {
        var exchanges = registry.Exchanges.Where(e => e.PackageName == name).ToList();
        Assert.AreEqual(1, exchanges.Count, "one exchange for " + name);
        var exchange = exchanges.Single();
        Assert.IsTrue(exchange.Granted, "the exchange was refused: " + exchange.Refusal);
        Assert.AreEqual(LocalRegistry.Escape(name), exchange.EscapedName);
        var puts = registry.Requests.Where(r => r.Method == "PUT" && r.Path == "/" + LocalRegistry.Escape(name)).ToList();
        Assert.AreEqual(1, puts.Count, "one publish of " + name);
        Assert.AreEqual(exchange.Token, puts[0].Bearer, "the publish carried the exchange's token");
        Assert.IsTrue(puts[0].Sequence > exchange.Sequence, "the exchange came first");
        Assert.AreEqual(201, puts[0].Status);
        return exchange;
    }

    /// <summary>
    /// The preflight step failed with exactly this `::error` title (the only error), `npm publish` never ran, and the registry
    /// saw no exchange and no publish: the package is as it was.
    /// </summary>
    public static WorkflowRun StoppedByPreflight(LocalRegistry registry, GeneratedRepository repository, WorkflowRunner runner, string title, TestContext context)
    {
        var before = registry.Read(repository.Name)?.ToString();
        var run = runner.Run();
        context.WriteLine(run.Log);
        Assert.IsFalse(run.Succeeded, "the run went through:\n" + run.Log);
        Assert.AreEqual(PreflightStep, run.FailedStep!.Name, run.Log);
        CollectionAssert.AreEqual(new[] { title }, run.Errors.Select(e => e.Title).ToArray(), run.Log);
        Assert.IsFalse(run.Step("Publish").Ran, "npm publish did not run");
        Assert.AreEqual(before, registry.Read(repository.Name)?.ToString(), "the registry is unchanged");
        Assert.IsFalse(registry.Exchanges.Any(e => e.PackageName == repository.Name), "no exchange");
        Assert.IsFalse(registry.Requests.Any(r => r.Method == "PUT" && r.Path == "/" + LocalRegistry.Escape(repository.Name)), "no publish");
        return run;
    }
}

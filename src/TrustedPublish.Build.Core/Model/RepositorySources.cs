using System;
using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.PackageJson;
using TrustedPublish.Build.Workflow;

namespace TrustedPublish.Build.Model;

/// <summary>
/// The repository that publishes can come from three places: the project's RepositoryUrl, git's origin remote, and
/// package.json's "repository". When they disagree the build says which one won and why (TPB019), stops when they
/// differ only in case (TPB049: npm compares case-sensitively, so one of them is wrong), and never moves
/// package.json to another repository on the strength of a default (TPB048) unless the value there is the one
/// this package wrote itself (a transferred repository just follows). TrustedPublishOwner and
/// TrustedPublishRepository are the user's own choice and are followed without a word here.
/// </summary>
internal static class RepositorySources
{
    public static void Check(TrustedPublishInputs inputs, PackageJsonDocument packageJson, PublishSettings settings, List<Diagnostic> diagnostics)
    {
        // Explicit properties are the user's choice; an unknown repository is TPB002's to report.
        if ((inputs.Owner.Trim().Length > 0 && inputs.Repository.Trim().Length > 0) || settings.Repository.Owner.Length == 0 || settings.Repository.Name.Length == 0)
        {
            return;
        }

        var fromProperty = GitHubRepository.TryParseUrl(inputs.RepositoryUrl);
        var fromOrigin = GitHubRepository.TryParseUrl(GitHubRepository.ReadOriginUrl(inputs.GitConfigText));
        var member = packageJson.Root.Get("repository");
        var packageUrl = member == null ? null : member.IsString ? member.Text : member.GetString("url");
        // With generation off package.json is the user's to keep, and TPB023 judges it; nothing here moves it.
        var fromPackage = inputs.GenerateEnabled ? GitHubRepository.TryParseUrl(packageUrl, allowShorthand: true) : null;
        var at = SettingsResolver.PropertyLocation(inputs, inputs.RepositoryUrl.Length > 0 ? "RepositoryUrl" : "TrustedPublishOwner");

        var sources = new List<(string Where, GitHubRepository Repository)>();
        if (fromProperty != null)
        {
            sources.Add(("RepositoryUrl", fromProperty));
        }

        if (fromOrigin != null)
        {
            sources.Add(("git's origin remote", fromOrigin));
        }

        if (fromPackage != null)
        {
            sources.Add(("package.json's repository", fromPackage));
        }

        // Differences only in case: npm compares exactly, so this is a mistake in one of them, not a choice.
        foreach (var (a, b) in Pairs(sources))
        {
            if (!Same(a.Repository, b.Repository) && string.Equals(a.Repository.ToString(), b.Repository.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Add(DiagnosticCatalog.RepositoryCaseDiffers.Create(at, a.Where, a.Repository, b.Where, b.Repository));
                return;
            }
        }

        if (fromProperty != null && fromOrigin != null && !Same(fromProperty, fromOrigin))
        {
            var package = fromPackage == null ? "" : $", and package.json's repository names {fromPackage}";
            diagnostics.Add(DiagnosticCatalog.RepositorySourcesDisagree.Create(at, fromProperty, fromOrigin, package, settings.Repository));
        }

        if (fromPackage != null && !Same(fromPackage, settings.Repository) && !WrittenByThisPackage(inputs, settings, packageUrl!))
        {
            var (line, column) = packageJson.Locate(member!.Start);
            var source = fromProperty != null ? "RepositoryUrl" : "git's origin remote";
            diagnostics.Add(DiagnosticCatalog.RepositoryWouldMove.Create(inputs.PackageJsonPath, line, column, fromPackage, settings.Repository, source));
        }
    }

    private static bool Same(GitHubRepository a, GitHubRepository b) => a.Owner == b.Owner && a.Name == b.Name;

    private static IEnumerable<(T, T)> Pairs<T>(IReadOnlyList<T> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = i + 1; j < items.Count; j++)
            {
                yield return (items[i], items[j]);
            }
        }
    }

    /// <summary>True when the configured workflow's header says this package wrote exactly this repository.url.</summary>
    private static bool WrittenByThisPackage(TrustedPublishInputs inputs, PublishSettings settings, string packageUrl)
    {
        var workflow = inputs.Workflows.FirstOrDefault(w => w.RelativePath == settings.WorkflowPath);
        var line = workflow == null ? null : WorkflowGenerator.ReadPackageJsonLine(workflow.Text);
        return line != null && WorkflowGenerator.KeptRepositoryUrl(line) == packageUrl;
    }
}

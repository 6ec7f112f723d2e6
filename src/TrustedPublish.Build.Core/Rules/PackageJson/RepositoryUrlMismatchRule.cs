using System.Collections.Generic;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.Model;

namespace TrustedPublish.Build.Rules.PackageJson;

/// <summary>
/// TPB023: a hand-maintained package.json's repository (object or any shorthand npm understands) does not name
/// OWNER/REPO exactly, case included (with generation on, the patch writes it and TPB022 catches drift).
/// </summary>
internal sealed class RepositoryUrlMismatchRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.RepositoryUrlMismatch };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        if (!context.HandMaintained)
        {
            yield break;
        }

        var settings = context.Settings;
        var repository = context.PackageJson.Root.Get("repository");
        var url = repository == null ? null : repository.IsString ? repository.Text : repository.GetString("url");
        var named = GitHubRepository.TryParseUrl(url, allowShorthand: true);
        if (named == null || named.Owner != settings.Repository.Owner || named.Name != settings.Repository.Name)
        {
            var (line, column) = PackageJsonFacts.Locate(context.PackageJson, "repository", "url");
            yield return DiagnosticCatalog.RepositoryUrlMismatch.Create(context.PackageJsonPath, line, column, url == null ? "is missing" : $"'{url}'", settings.Repository.ToString());
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.Model;
using TrustedPublish.Build.Rules.Workflows;

namespace TrustedPublish.Build.Rules.PackageJson;

/// <summary>
/// TPB023-TPB027: package.json fields that make a publish fail, for setups that maintain package.json by
/// hand (with generation on, the patch writes these fields and TPB022 catches drift).
/// </summary>
public sealed class PackageJsonRule : IRepositoryRule
{
    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        if (!context.HandMaintained)
        {
            yield break;
        }

        var document = context.PackageJson;
        var root = document.Root;
        var settings = context.Settings;
        var path = context.PackageJsonPath;
        (int, int) At(string member, string? inner = null)
        {
            var node = root.Find(member)?.Value;
            if (node != null && inner != null && node.IsObject)
            {
                node = node.Find(inner)?.Value ?? node;
            }

            return node == null ? (1, 1) : document.Locate(node.Start);
        }

        // repository.url must name OWNER/REPO exactly (any form npm understands).
        var repository = root.Get("repository");
        var url = repository == null ? null : repository.IsString ? repository.Text : repository.GetString("url");
        var named = GitHubRepository.TryParseUrl(url, allowShorthand: true);
        if (named == null || named.Owner != settings.Repository.Owner || named.Name != settings.Repository.Name)
        {
            var (line, column) = At("repository", "url");
            yield return DiagnosticCatalog.RepositoryUrlMismatch.Create(path, line, column, url == null ? "is missing" : $"'{url}'", settings.Repository.ToString());
        }

        var publishConfig = root.Get("publishConfig");
        var provenance = publishConfig?.Get("provenance");
        if (provenance != null && provenance.Kind == System.Text.Json.JsonTokenType.True)
        {
            var (line, column) = document.Locate(provenance.Start);
            yield return DiagnosticCatalog.ProvenanceForced.Create(path, line, column, "publishConfig.provenance: true");
        }

        // The workflow's command and, for `npm run release`, the script command that publishes: either may pass the flag.
        var commands = context.PublishStepsOfThisPackage.SelectMany(p => new[] { p.Command, p.PublishingCommand }).ToList();
        // A scoped package goes out private unless public access is asked for. Restricted chosen anywhere (the property,
        // publishConfig.access, the command) is deliberate: a paid organization's private package. The mistake is a
        // package meant to be public (TrustedPublishAccess, public by default) with no access configured at all.
        var accessChosen = publishConfig?.GetString("access") is "public" or "restricted"
            || commands.Any(c => HasOption(c, "--access", v => v is "public" or "restricted"));
        if (settings.IsScoped && settings.Access == "public" && !accessChosen)
        {
            var (line, column) = At("name");
            yield return DiagnosticCatalog.ScopedNotPublic.Create(path, line, column, settings.PackageName);
        }

        var version = document.Version;
        if (version != null && version.IndexOf('-') > 0 && publishConfig?.GetString("tag") == null && !commands.Any(c => HasOption(c, "--tag", v => v.Length > 0)))
        {
            var (line, column) = At("version");
            yield return DiagnosticCatalog.PrereleaseWithoutTag.Create(path, line, column, version);
        }

        if (settings.ManagePackageName && document.Name != settings.PackageName)
        {
            var (line, column) = At("name");
            yield return DiagnosticCatalog.NameMismatch.Create(path, line, column, document.Name ?? "", settings.PackageName);
        }
    }

    /// <summary>True when the command passes <paramref name="option"/> as "--option value" or "--option=value" with a value that <paramref name="accepts"/>.</summary>
    private static bool HasOption(string command, string option, Func<string, bool> accepts)
    {
        var words = ShellCommands.Read(command).SelectMany(c => c.Words).Select(w => w.Value).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] == option && i + 1 < words.Count && accepts(words[i + 1]))
            {
                return true;
            }

            if (words[i].StartsWith(option + "=", StringComparison.Ordinal) && accepts(words[i].Substring(option.Length + 1)))
            {
                return true;
            }
        }

        return false;
    }
}

using System;

namespace TrustedPublish.Build.Workflow;

/// <summary>
/// The preflight script as a workflow for several packages runs it, once per package: preflight.sh with four changes,
/// made here so a single package's workflow keeps preflight.sh byte for byte (its golden files do not move) and every
/// other check stays one text for both. Each change names the exact text it replaces, and the type fails to load when
/// that text is not in preflight.sh exactly once, so an edit of preflight.sh cannot silently drop one (a test loads it).
/// </summary>
internal static class WorkspacePreflight
{
    /// <summary>Where the workflow writes the script once, for every package's check step to run.</summary>
    public const string ScriptPath = "$RUNNER_TEMP/trustedpublish-preflight.sh";

    private const string TagCheck =
        "if [ \"${GITHUB_REF_TYPE:-}\" = \"tag\" ]; then\n" +
        "  tag_version=\"${GITHUB_REF_NAME#\"$TAG_PREFIX\"}\"\n" +
        "  if [ \"$tag_version\" != \"$version\" ]; then\n" +
        "    fail \"Tag does not match version\" \"The tag '$GITHUB_REF_NAME' names version '$tag_version', but package.json's version is '$version'. Bump the version in package.json, or tag ${TAG_PREFIX}${version}.\"\n" +
        "  fi\n" +
        "fi\n\n";

    /// <summary>
    /// Several packages, one tag: a tag names one package and its version (changesets' @scope/name@1.2.3 or name@1.2.3,
    /// release-please's name-v1.2.3), and then only that package must match it; or it is a plain version (v1.2.3 with the
    /// tag pattern's prefix), which every package this run publishes must have. Checked after the registry, so a package
    /// that is skipped (already published) is never held to a tag that is not about it.
    /// </summary>
    private const string WorkspaceTagCheck =
        "# One workflow, several packages: a tag that names a package (@scope/name@1.2.3, name@1.2.3, name-v1.2.3) is checked\n" +
        "# against that package only; a plain version tag (v1.2.3) against every package this run publishes.\n" +
        "if [ \"${GITHUB_REF_TYPE:-}\" = \"tag\" ]; then\n" +
        "  tag=\"$GITHUB_REF_NAME\"\n" +
        "  short_name=\"${name#@*/}\"\n" +
        "  tag_version=\"\"\n" +
        "  case \"$tag\" in\n" +
        "    \"$name@\"*) tag_version=\"${tag#\"$name@\"}\" ;;\n" +
        "    \"$name-v\"* | \"$short_name-v\"*)\n" +
        "      tag_version=\"${tag#\"$name-v\"}\"\n" +
        "      tag_version=\"${tag_version#\"$short_name-v\"}\"\n" +
        "      # Only a version after the name makes the tag this package's: plugin-vue@1.0.0 and core-v2-v1.0.0 name\n" +
        "      # another package whose name begins with this one's (plugin, core).\n" +
        "      [[ \"$tag_version\" =~ ^[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.+-]*)?$ ]] || tag_version=\"\"\n" +
        "      ;;\n" +
        "    *)\n" +
        "      plain=\"${tag#\"$TAG_PREFIX\"}\"\n" +
        "      case \"$plain\" in\n" +
        "        [0-9]*) tag_version=\"$plain\" ;;\n" +
        "      esac\n" +
        "      ;;\n" +
        "  esac\n" +
        "  if [ -n \"$tag_version\" ] && [ \"$tag_version\" != \"$version\" ]; then\n" +
        "    fail \"Tag does not match version\" \"The tag '$tag' names version '$tag_version' of $name, but its package.json's version is '$version'. Bump the version in package.json, or tag $name@$version.\"\n" +
        "  fi\n" +
        "fi\n\n";

    private const string AlreadyPublished =
        "  fail \"Version already published\" \"$name@$version is already on the registry; npm would refuse to publish over it. Bump the version in package.json and tag again.\"\n";

    /// <summary>One run publishes exactly the packages whose versions were bumped: a version already on the registry is skipped, not an error.</summary>
    private const string SkipPublished =
        "  echo \"::notice title=Already published::$name@$version is already on the registry: skipped.\"\n" +
        "  echo \"publish=false\" >> \"${GITHUB_OUTPUT:-/dev/null}\"\n" +
        "  exit \"$failed\"\n";

    private const string FilesCheckStart = "# npm publishes what package.json's \"files\"";

    private const string PackedTarballs = "packed=(\"$RUNNER_TEMP\"/trustedpublish-pack/*.tgz)";

    /// <summary>Each package packs into a folder of its own (PACKAGE_NUMBER), so its tarball is still there when its publish step runs.</summary>
    private const string PackageTarballs = "packed=(\"$RUNNER_TEMP\"/trustedpublish-pack/\"$PACKAGE_NUMBER\"/*.tgz)";

    private const string PackedFolderMessage = "in $RUNNER_TEMP/trustedpublish-pack, where";

    private const string PackageFolderMessage = "in $RUNNER_TEMP/trustedpublish-pack/$PACKAGE_NUMBER, where";

    private const string End = "exit \"$failed\"";

    /// <summary>The publish step runs only when the check said so (steps.preflight-N.outputs.publish).</summary>
    private const string EndWithPublish = "echo \"publish=true\" >> \"${GITHUB_OUTPUT:-/dev/null}\"\nexit \"$failed\"";

    public static readonly string Script = Build(WorkflowGenerator.PreflightText);

    private static string Build(string preflight)
    {
        var script = Replace(preflight, TagCheck, "");
        script = Replace(script, AlreadyPublished, SkipPublished);
        script = Replace(script, FilesCheckStart, WorkspaceTagCheck + FilesCheckStart);
        script = Replace(script, PackedTarballs, PackageTarballs);
        script = Replace(script, PackedFolderMessage, PackageFolderMessage);
        return ReplaceLast(script, End, EndWithPublish);
    }

    private static string Replace(string text, string original, string replacement)
    {
        var at = text.IndexOf(original, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(original, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException("preflight.sh no longer holds exactly one copy of the text WorkspacePreflight replaces: " + original);
        }

        return text.Substring(0, at) + replacement + text.Substring(at + original.Length);
    }

    private static string ReplaceLast(string text, string original, string replacement)
    {
        if (!text.EndsWith(original + "\n", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("preflight.sh no longer ends with: " + original);
        }

        return text.Substring(0, text.Length - original.Length - 1) + replacement + "\n";
    }
}

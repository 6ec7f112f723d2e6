using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace TrustedPublish.Build.PackageJson;

/// <summary>
/// Which files `npm pack` and `npm publish` put in the package: a port of npm-packlist 10.0.4 (what npm 11 bundles,
/// and so what the generated workflow publishes with) over ignore-walk 8.0.0 and minimatch 10.2, read from their
/// source. In short, per folder:
/// <list type="bullet">
/// <item>default rules: .git, .svn, .hg, CVS, .npmrc, .DS_Store, *.orig, ... are left out everywhere;</item>
/// <item>in the package folder only, package.json's "files" turns into "leave out everything (*), but take in each
/// entry" (a folder entry takes in its contents), and then that folder's .npmignore and .gitignore are not read;</item>
/// <item>otherwise the folder's .npmignore, or its .gitignore when there is no .npmignore (even an empty one counts),
/// in gitignore style (negation, anchoring, trailing slash, **, case-insensitive);</item>
/// <item>strict rules, applied last: package.json, README*, COPYING*, LICENSE*, LICENCE*, "main", "browser" and the
/// "bin" targets are always taken in; /.git, /node_modules, .npmrc and the lock files are always left out.</item>
/// </list>
/// A subfolder is entered only when its parent's rules let it (or something in it) in, and the last rule that
/// matches decides. Links are never packed (the folder lists none). Bundled dependencies are not modelled, and no
/// node_modules folder is listed (npm walks those below the package folder): they hold npm packages, not this
/// folder's own files, and leaving them out only ever drops files from the answer.
/// What the port does not read (extglobs, POSIX classes, unusual braces, workspaces, "directories.bin", more than
/// <see cref="MaxEntries"/> entries or <see cref="MaxDepth"/> levels) makes the answer unknown instead of a guess.
/// </summary>
internal static class PackFiles
{
    /// <summary>Far past a real package folder once node_modules is left aside; past it the answer is unknown.</summary>
    public const int MaxEntries = 20_000;

    /// <summary>Nesting past this is not a package's layout; it bounds the walk's recursion.</summary>
    public const int MaxDepth = 64;

    /// <summary>npm-packlist's defaults, applied in every folder.</summary>
    private static readonly string[] Defaults =
    {
        ".npmignore", ".gitignore", "**/.git", "**/.svn", "**/.hg", "**/CVS", "**/.git/**", "**/.svn/**", "**/.hg/**", "**/CVS/**",
        "/.lock-wscript", "/.wafpickle-*", "/build/config.gypi", "npm-debug.log", "**/.npmrc", ".*.swp", ".DS_Store", "**/.DS_Store/**",
        "._*", "**/._*/**", "*.orig", "/archived-packages/**",
    };

    /// <summary>npm-packlist's strict rules for the package folder, before the entries package.json adds.</summary>
    private static readonly string[] PackageStrict =
    {
        "/.git", "!/package.json", "!/readme{,.*[^~$]}", "!/copying{,.*[^~$]}", "!/license{,.*[^~$]}", "!/licence{,.*[^~$]}",
        "/.git", "/node_modules", ".npmrc", "/package-lock.json", "/yarn.lock", "/pnpm-lock.yaml", "/bun.lockb",
    };

    /// <summary>The defaults, read once: rules are immutable, and every folder applies the same ones.</summary>
    private static readonly Lazy<List<NpmGlob>> DefaultRules = new(() => Walk.Rules(string.Join("\n", Defaults) + "\n"));

    public static PackFilesResult Select(JsonSpanNode packageJson, IPackageFolder folder, int maxEntries = MaxEntries)
    {
        try
        {
            return new Walk(folder, maxEntries).Run(packageJson);
        }
        catch (UnknownException unknown)
        {
            return PackFilesResult.Unknown(unknown.Message);
        }
    }

    private sealed class UnknownException : Exception
    {
        public UnknownException(string reason)
            : base(reason)
        {
        }
    }

    /// <summary>The order in which a folder's rule sets are applied (ignore-walk's ignoreFiles).</summary>
    private enum RuleSet
    {
        Defaults,
        PackageJson,
        NpmIgnore,
        GitIgnore,
        Strict,
    }

    private sealed class Walker
    {
        public Walker(Walker? parent, string path, string name, bool exact)
        {
            Parent = parent;
            Path = path;
            Name = name;
            Exact = exact;
        }

        public Walker? Parent { get; }

        /// <summary>Relative to the package folder; "" for the package folder.</summary>
        public string Path { get; }

        public string Name { get; }

        /// <summary>The folder itself was matched (not only something in it): its own rules may take back what the parent left out.</summary>
        public bool Exact { get; }

        public int Depth => Parent == null ? 0 : Parent.Depth + 1;

        public List<NpmGlob>?[] Rules { get; } = new List<NpmGlob>?[5];

        /// <summary>Files named in "files" (v10's requiredFiles), relative to this folder.</summary>
        public List<string> RequiredFiles { get; } = new();
    }

    private sealed class Walk
    {
        private readonly IPackageFolder folder;
        private readonly int maxEntries;
        private readonly Dictionary<string, PackageFolderListing?> listings = new(StringComparer.Ordinal);
        private readonly List<string> packed = new();
        private int entries;

        public Walk(IPackageFolder folder, int maxEntries)
        {
            this.folder = folder;
            this.maxEntries = maxEntries;
        }

        public PackFilesResult Run(JsonSpanNode package)
        {
            // With workspaces, arborist's tree changes which rule files npm-packlist reads in every subfolder.
            if (package.Get("workspaces") is { } workspaces && PackageJsonDocument.IsTruthy(workspaces))
            {
                throw new UnknownException("package.json has workspaces");
            }

            var root = new Walker(null, "", "", exact: false);
            var listing = List(root.Path);
            root.Rules[(int)RuleSet.Defaults] = DefaultRules.Value;
            var hasFiles = ProcessPackage(root, package);
            var ignoreFile = LoadIgnoreFiles(root, listing);
            Descend(root, listing);
            packed.Sort(StringComparer.Ordinal);
            return PackFilesResult.Known(packed, hasFiles ? "files" : ignoreFile);
        }

        /// <summary>npm-packlist's processPackage: the "files" rules and the strict rules of the package folder.</summary>
        private bool ProcessPackage(Walker root, JsonSpanNode package)
        {
            var strict = new List<string>(PackageStrict);
            var files = package.Get("files");
            var hasFiles = files != null && PackageJsonDocument.IsTruthy(files);
            if (hasFiles)
            {
                if (files!.Kind != JsonTokenType.StartArray)
                {
                    throw new UnknownException("package.json's \"files\" is not a list");
                }

                var ignores = new List<string>();
                foreach (var item in files.Items)
                {
                    if (!item.IsString)
                    {
                        throw new UnknownException("package.json's \"files\" holds something other than text");
                    }

                    var file = item.Text!;
                    if (file.StartsWith("./", StringComparison.Ordinal))
                    {
                        file = file.Substring(1);
                    }

                    if (file.EndsWith("/*", StringComparison.Ordinal))
                    {
                        file += "*";
                    }

                    var inverse = "!" + file;
                    switch (Stat(file.TrimStart('!')))
                    {
                        case EntryKind.File:
                            // A named file is strictly required, here and (one level down) in its folder's walker.
                            strict.Insert(0, inverse);
                            root.RequiredFiles.Add(file.StartsWith("/", StringComparison.Ordinal) ? file.Substring(1) : file);
                            break;
                        case EntryKind.Folder:
                            ignores.Add(inverse);
                            ignores.Add(inverse + "/**");
                            break;
                        default:
                            ignores.Add(inverse); // not there: a pattern
                            break;
                    }
                }

                Load(root, RuleSet.PackageJson, new[] { "*" }.Concat(ignores));
            }

            foreach (var member in new[] { "browser", "main" })
            {
                var value = package.Get(member);
                if (value != null && PackageJsonDocument.IsTruthy(value))
                {
                    strict.Add("!/" + (value.IsString ? value.Text : throw new UnknownException($"package.json's \"{member}\" is not text")));
                }
            }

            foreach (var target in BinTargets(package))
            {
                strict.Add("!/" + target);
            }

            Load(root, RuleSet.Strict, strict);
            return hasFiles;
        }

        /// <summary>@npmcli/package-json's bin normalization (what arborist hands npm-packlist): the targets, made safe.</summary>
        private static IEnumerable<string> BinTargets(JsonSpanNode package)
        {
            var bin = package.Get("bin");
            var directories = package.Get("directories");
            if ((bin == null || !PackageJsonDocument.IsTruthy(bin)) && directories != null && directories.IsObject && directories.Get("bin") is { } binDirectory && PackageJsonDocument.IsTruthy(binDirectory))
            {
                throw new UnknownException("package.json has \"directories.bin\"");
            }

            if (bin == null || !PackageJsonDocument.IsTruthy(bin))
            {
                yield break;
            }

            var targets = new List<(string Key, JsonSpanNode Value)>();
            if (bin.IsString)
            {
                if (package.GetString("name") is { Length: > 0 } name)
                {
                    targets.Add((name, bin));
                }
            }
            else if (bin.Kind == JsonTokenType.StartArray)
            {
                foreach (var item in bin.Items)
                {
                    targets.Add((item.IsString ? item.Text! : throw new UnknownException("package.json's \"bin\" list holds something other than text"), item));
                }
            }
            else if (bin.IsObject)
            {
                targets.AddRange(bin.Members.Select(m => (m.Name, m.Value)));
            }

            foreach (var (key, value) in targets)
            {
                if (!value.IsString || SecurePath(key).Split('/').Last().Length == 0)
                {
                    continue;
                }

                var target = SecurePath(value.Text!);
                if (target.Length > 0)
                {
                    yield return target;
                }
            }
        }

        /// <summary>@npmcli/package-json's secureAndUnixifyPath: '\' and ':' become '/', the path is resolved under '/', and "" when nothing is left.</summary>
        private static string SecurePath(string reference)
        {
            var unixified = reference.Replace('\\', '/').Replace(':', '/');
            var names = new List<string>();
            foreach (var name in unixified.Split('/'))
            {
                if (name == "..")
                {
                    if (names.Count > 0)
                    {
                        names.RemoveAt(names.Count - 1);
                    }
                }
                else if (name.Length > 0 && name != ".")
                {
                    names.Add(name);
                }
            }

            if (names.Count == 0)
            {
                return "";
            }

            return string.Join("/", names) + (unixified.EndsWith("/", StringComparison.Ordinal) ? "/" : "");
        }

        private enum EntryKind
        {
            Missing,
            File,
            Folder,
        }

        /// <summary>What lstat says of a "files" entry (path.join'd onto the package folder): a file, a folder, or neither.</summary>
        private EntryKind Stat(string entry)
        {
            var folderOnly = entry.EndsWith("/", StringComparison.Ordinal);
            var names = new List<string>();
            foreach (var name in entry.Split('/'))
            {
                if (name == "..")
                {
                    if (names.Count == 0)
                    {
                        throw new UnknownException($"the \"files\" entry '{entry}' leads out of the package folder");
                    }

                    names.RemoveAt(names.Count - 1);
                }
                else if (name.Length > 0 && name != ".")
                {
                    names.Add(name);
                }
            }

            if (names.Count == 0)
            {
                return EntryKind.Folder;
            }

            var parent = string.Join("/", names.Take(names.Count - 1));
            var listing = TryList(parent);
            var last = names[names.Count - 1];
            if (listing == null)
            {
                return EntryKind.Missing;
            }

            if (listing.Folders.Contains(last))
            {
                return EntryKind.Folder;
            }

            return !folderOnly && listing.Files.Contains(last) ? EntryKind.File : EntryKind.Missing;
        }

        /// <summary>A folder's listing when it exists (every folder on the way must be listed, as lstat would find it).</summary>
        private PackageFolderListing? TryList(string path)
        {
            var names = path.Length == 0 ? Array.Empty<string>() : path.Split('/');
            var current = "";
            var listing = List(current);
            foreach (var name in names)
            {
                if (!listing.Folders.Contains(name))
                {
                    return null;
                }

                current = current.Length == 0 ? name : current + "/" + name;
                listing = List(current);
            }

            return listing;
        }

        private PackageFolderListing List(string path)
        {
            if (!listings.TryGetValue(path, out var listing))
            {
                listing = folder.List(path, maxEntries);
                listings[path] = listing;
            }

            return listing ?? throw new UnknownException($"the folder '{(path.Length == 0 ? "." : path)}' could not be listed");
        }

        /// <summary>Reads the folder's .npmignore and .gitignore, and applies ignore-walk's order of precedence; returns the one in effect.</summary>
        private string? LoadIgnoreFiles(Walker walker, PackageFolderListing listing)
        {
            foreach (var (name, set) in new[] { (".npmignore", RuleSet.NpmIgnore), (".gitignore", RuleSet.GitIgnore) })
            {
                if (listing.Folders.Contains(name))
                {
                    throw new UnknownException($"'{Join(walker.Path, name)}' is a folder (npm pack fails reading it)");
                }

                if (listing.Files.Contains(name))
                {
                    var path = Join(walker.Path, name);
                    var text = folder.ReadText(path) ?? throw new UnknownException($"'{path}' could not be read");
                    walker.Rules[(int)set] = Rules(text);
                }
            }

            // package.json's "files" means no .npmignore or .gitignore here; a .npmignore (even empty) means no .gitignore.
            if (walker.Rules[(int)RuleSet.PackageJson] != null)
            {
                walker.Rules[(int)RuleSet.NpmIgnore] = null;
                walker.Rules[(int)RuleSet.GitIgnore] = null;
                return null;
            }

            if (walker.Rules[(int)RuleSet.NpmIgnore] != null)
            {
                walker.Rules[(int)RuleSet.GitIgnore] = null;
                return ".npmignore";
            }

            return walker.Rules[(int)RuleSet.GitIgnore] != null ? ".gitignore" : null;
        }

        /// <summary>ignore-walk's filterEntries and onstat: each entry that passes as a file is packed, each folder that passes as a folder is walked.</summary>
        private void Descend(Walker walker, PackageFolderListing listing)
        {
            entries += listing.Files.Count + listing.Folders.Count;
            if (entries > maxEntries)
            {
                throw new UnknownException($"the package folder has more than {maxEntries} files and folders");
            }

            foreach (var (name, isFolder) in listing.Files.Select(f => (f, false)).Concat(listing.Folders.Select(f => (f, true))))
            {
                // npm-packlist refuses names with '*' (bad on Windows).
                if (name.IndexOf('*') >= 0)
                {
                    continue;
                }

                var names = Names(walker, name);
                var passFile = FilterEntry(walker, name, partial: false, null, names);
                var passFolder = FilterEntry(walker, name, partial: true, null, names);
                if (!isFolder)
                {
                    if (passFile)
                    {
                        packed.Add(Join(walker.Path, name));
                    }

                    continue;
                }

                if (!passFolder)
                {
                    continue;
                }

                var child = new Walker(walker, Join(walker.Path, name), name, passFile || FilterEntry(walker, name + "/", partial: false, null, names));
                if (child.Depth > MaxDepth)
                {
                    throw new UnknownException($"the package folder nests more than {MaxDepth} levels deep");
                }

                var childListing = List(child.Path);
                child.Rules[(int)RuleSet.Defaults] = DefaultRules.Value;

                // v10 hands a required file one level down, as a strict rule of its folder's walker.
                var required = new List<string>();
                foreach (var file in walker.RequiredFiles)
                {
                    if (RequiredIn(file, name) is string inner)
                    {
                        required.Add(inner);
                        child.RequiredFiles.Add(inner);
                    }
                }

                Load(child, RuleSet.Strict, new[] { "/.git" }.Concat(required.Select(r => "!" + r)));
                LoadIgnoreFiles(child, childListing);
                Descend(child, childListing);
            }
        }

        /// <summary>path.relative(file, entry) === '..' in node: the file is directly inside the entry; then its name.</summary>
        private static string? RequiredIn(string file, string entry)
        {
            if (file.StartsWith("/", StringComparison.Ordinal))
            {
                return null;
            }

            var names = new List<string>();
            foreach (var name in file.Split('/'))
            {
                if (name == "..")
                {
                    if (names.Count == 0)
                    {
                        return null;
                    }

                    names.RemoveAt(names.Count - 1);
                }
                else if (name.Length > 0 && name != ".")
                {
                    names.Add(name);
                }
            }

            return names.Count == 2 && names[0] == entry ? names[1] : null;
        }

        /// <summary>
        /// ignore-walk's filterEntry: the parent's verdict on "name/entry" first, then this folder's rule sets in order;
        /// the last rule that matches wins. <paramref name="names"/> holds every name on the entry's path from the package
        /// folder, case-folded: a rule that needs another name cannot match, and is not tried.
        /// </summary>
        private static bool FilterEntry(Walker walker, string entry, bool partial, string? entryBasename, HashSet<string> names)
        {
            var included = true;
            if (walker.Parent != null)
            {
                included = FilterEntry(walker.Parent, walker.Name + "/" + entry, partial, entryBasename ?? entry, names);
                if (!included && !walker.Exact)
                {
                    return false;
                }
            }

            var subjects = new Subjects(entry, entryBasename);
            foreach (var rules in walker.Rules)
            {
                if (rules == null)
                {
                    continue;
                }

                foreach (var rule in rules)
                {
                    // A rule can only change the verdict: an exclusion when included, a negation when not.
                    if (rule.Negate == included)
                    {
                        continue;
                    }

                    // Every form ignore-walk tries is made of these names and empty segments; only a negation is also
                    // tried partially (where a literal may lie beyond the path's end), so only it skips this shortcut.
                    if (!rule.Negate && !rule.MayMatchWithin(names))
                    {
                        continue;
                    }

                    var isRelativeRule = entryBasename != null && rule.IsRelative;
                    var match = rule.Match(subjects.Rooted) || rule.Match(subjects.Plain) || (partial && (
                        rule.Match(subjects.RootedFolder) || rule.Match(subjects.PlainFolder) ||
                        (rule.Negate && (rule.Match(subjects.Rooted, true) || rule.Match(subjects.Plain, true))) ||
                        (isRelativeRule && (
                            rule.Match(subjects.RootedBasenameFolder) || rule.Match(subjects.BasenameFolder) ||
                            (rule.Negate && (rule.Match(subjects.RootedBasename, true) || rule.Match(subjects.Basename, true)))))));
                    if (match)
                    {
                        included = rule.Negate;
                    }
                }
            }

            return included;
        }

        private static HashSet<string> Names(Walker walker, string name)
        {
            var names = new HashSet<string>(StringComparer.Ordinal) { NpmGlob.Fold(name) };
            for (var folder = walker; folder.Parent != null; folder = folder.Parent)
            {
                names.Add(NpmGlob.Fold(folder.Name));
            }

            return names;
        }

        /// <summary>The forms of an entry ignore-walk matches ("/e", "e", "/e/", "e/", and of its name), each split once.</summary>
        private sealed class Subjects
        {
            private readonly string entry;
            private readonly string? basename;
            private NpmGlob.Subject? rooted, plain, rootedFolder, plainFolder, rootedBasenameFolder, basenameFolder, rootedBasename, basenameOnly;

            public Subjects(string entry, string? basename)
            {
                this.entry = entry;
                this.basename = basename;
            }

            public NpmGlob.Subject Rooted => rooted ??= new("/" + entry);

            public NpmGlob.Subject Plain => plain ??= new(entry);

            public NpmGlob.Subject RootedFolder => rootedFolder ??= new("/" + entry + "/");

            public NpmGlob.Subject PlainFolder => plainFolder ??= new(entry + "/");

            public NpmGlob.Subject RootedBasenameFolder => rootedBasenameFolder ??= new("/" + basename + "/");

            public NpmGlob.Subject BasenameFolder => basenameFolder ??= new(basename + "/");

            public NpmGlob.Subject RootedBasename => rootedBasename ??= new("/" + basename);

            public NpmGlob.Subject Basename => basenameOnly ??= new(basename!);
        }

        /// <summary>npm-packlist's injectRules: the lines joined and read like an ignore file.</summary>
        private static void Load(Walker walker, RuleSet set, IEnumerable<string> rules) =>
            walker.Rules[(int)set] = Rules(string.Join("\n", rules) + "\n");

        /// <summary>ignore-walk's onReadIgnoreFile: one rule per line (\n or \r\n), trimmed, without blank lines and # comments.</summary>
        public static List<NpmGlob> Rules(string text)
        {
            var rules = new List<NpmGlob>();
            foreach (var raw in text.Split('\n'))
            {
                var line = JsTrim(raw.EndsWith("\r", StringComparison.Ordinal) ? raw.Substring(0, raw.Length - 1) : raw);
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                rules.Add(NpmGlob.Parse(line, out var unsupported) ?? throw new UnknownException($"the rule '{line}' uses {unsupported}, which this check does not read"));
            }

            return rules;
        }

        /// <summary>JavaScript's String.prototype.trim: its white space and line terminators, BOM included.</summary>
        private static string JsTrim(string text)
        {
            static bool IsJsSpace(char c) => c is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00A0' or '\u1680' or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' or '\uFEFF' || (c >= '\u2000' && c <= '\u200A');
            var start = 0;
            var end = text.Length;
            while (start < end && IsJsSpace(text[start]))
            {
                start++;
            }

            while (end > start && IsJsSpace(text[end - 1]))
            {
                end--;
            }

            return text.Substring(start, end - start);
        }

        private static string Join(string folder, string name) => folder.Length == 0 ? name : folder + "/" + name;
    }
}

/// <summary>The files npm would pack, or why that could not be told.</summary>
internal sealed class PackFilesResult
{
    private PackFilesResult(IReadOnlyList<string> files, string? rulesFrom, string? unknown)
    {
        Files = files;
        RulesFrom = rulesFrom;
        UnknownReason = unknown;
    }

    /// <summary>Paths relative to the package folder, forward slashes, in ordinal order; empty when unknown.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>What chose the package folder's files: "files", ".npmignore", ".gitignore", or null for npm's defaults alone.</summary>
    public string? RulesFrom { get; }

    /// <summary>Why the files could not be told, or null.</summary>
    public string? UnknownReason { get; }

    public bool IsKnown => UnknownReason == null;

    public static PackFilesResult Known(IReadOnlyList<string> files, string? rulesFrom) => new(files, rulesFrom, null);

    public static PackFilesResult Unknown(string reason) => new(Array.Empty<string>(), null, reason);
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace TrustedPublish.Build.PackageJson;

/// <summary>
/// One ignore rule as npm's file walker reads it: minimatch 10.2 with ignore-walk 8's options (matchBase, dot,
/// flipNegate, nocase) on POSIX paths, ported from its source rather than guessed (see PackFiles for the versions).
/// What is ported: negation, brace lists and sequences, <c>*</c>, <c>?</c>, bracket classes with ranges and escapes,
/// <c>**</c>, partial matching, minimatch's fast paths (which differ from its regular expressions for escapes), and
/// its ".." folding. Extglobs (<c>+(a|b)</c>), POSIX classes (<c>[[:alpha:]]</c>) and brace forms past plain lists
/// and sequences are not: <see cref="Parse"/> says so, and the caller stops rather than guess.
/// Matching is a loop over the pattern's segments; <c>**</c> sections are memoized, so no input backtracks.
/// </summary>
internal sealed class NpmGlob
{
    /// <summary>minimatch refuses longer patterns (and npm pack fails on them).</summary>
    private const int MaxPatternLength = 64 * 1024;

    /// <summary>Far above any real ignore line's alternatives; past it the rule is not read.</summary>
    private const int MaxBraceExpansions = 1024;

    /// <summary>minimatch's maxGlobstarRecursion default: deeper ** sections never match.</summary>
    private const int MaxGlobstarRecursion = 200;

    private readonly List<Part[]> set;

    /// <summary>For each pattern of <see cref="set"/>, its literal segments: names a path must hold to match it whole.</summary>
    private readonly List<string[]> literals;

    /// <summary>The non-empty literals of each pattern, case-folded: see <see cref="MayMatchWithin"/>.</summary>
    private readonly List<string[]> foldedNames;

    private NpmGlob(bool negate, List<string[]> globParts, List<Part[]> set, bool empty)
    {
        literals = set.ConvertAll(parts => parts.Where(p => p.Literal != null).Select(p => p.Literal!).Distinct(StringComparer.Ordinal).ToArray());
        foldedNames = literals.ConvertAll(names => names.Where(n => n.Length > 0).Select(Fold).ToArray());
        Negate = negate;
        GlobParts = globParts;
        IsRelative = globParts.Any(part => part.Length <= (part[part.Length - 1].Length > 0 ? 1 : 2));
        this.set = set;
        IsEmpty = empty;
    }

    /// <summary>An odd number of leading '!': the rule includes what it matches.</summary>
    public bool Negate { get; }

    /// <summary>The pattern's segments after brace expansion and ".." folding.</summary>
    public IReadOnlyList<string[]> GlobParts { get; }

    /// <summary>ignore-walk's "relative rule": one expansion has one segment, or two ending in a slash ("name/").</summary>
    public bool IsRelative { get; }

    private bool IsEmpty { get; }

    /// <summary>The rule, or null with the reason when it uses what this port does not read.</summary>
    public static NpmGlob? Parse(string pattern, out string? unsupported)
    {
        unsupported = null;
        if (pattern.Length > MaxPatternLength)
        {
            unsupported = $"a pattern longer than {MaxPatternLength} characters";
            return null;
        }

        // A comment matches nothing (ignore-walk drops comment lines before this; a files entry can still be one).
        if (pattern.Length > 0 && pattern[0] == '#')
        {
            return new NpmGlob(false, new List<string[]>(), new List<Part[]>(), false);
        }

        if (pattern.Length == 0)
        {
            return new NpmGlob(false, new List<string[]>(), new List<Part[]>(), true);
        }

        var negate = false;
        var offset = 0;
        while (offset < pattern.Length && pattern[offset] == '!')
        {
            negate = !negate;
            offset++;
        }

        var body = pattern.Substring(offset);
        var expanded = NpmBraceExpansion.Expand(body, MaxBraceExpansions, out unsupported);
        if (expanded == null)
        {
            return null;
        }

        var globParts = new List<string[]>();
        var set = new List<Part[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var glob in expanded)
        {
            if (!seen.Add(glob))
            {
                continue;
            }

            var parts = LevelOneOptimize(SlashSplit(glob));
            var compiled = new Part[parts.Count];
            for (var i = 0; i < parts.Count; i++)
            {
                var part = Part.Compile(parts[i], out unsupported);
                if (part == null)
                {
                    return null;
                }

                compiled[i] = part;
            }

            globParts.Add(parts.ToArray());
            set.Add(compiled);
        }

        return new NpmGlob(negate, globParts, set, false);
    }

    /// <summary>minimatch's match(path, partial) with flipNegate: whether the pattern (without its '!') matches.</summary>
    public bool Match(string path, bool partial = false) => Match(new Subject(path), partial);

    /// <inheritdoc cref="Match(string, bool)"/>
    public bool Match(Subject path, bool partial = false)
    {
        if (IsEmpty)
        {
            return path.Text.Length == 0;
        }

        if (path.Text == "/" && partial)
        {
            return true;
        }

        for (var i = 0; i < set.Count; i++)
        {
            // matchBase: a pattern without a slash is matched against the last name.
            var pattern = set[i];
            var subject = pattern.Length == 1 ? path.FilenameOnly : path.Segments;

            // A whole match pairs every literal segment of the pattern with an equal name: most rules end here.
            if (!partial && !HasAll(subject, literals[i]))
            {
                continue;
            }

            if (MatchOne(subject, pattern, partial))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// False when no whole match is possible against any path made of <paramref name="names"/> (case-folded with
    /// <see cref="Fold"/>) and empty segments: every pattern needs a literal name the path does not have.
    /// </summary>
    public bool MayMatchWithin(HashSet<string> names)
    {
        if (IsEmpty)
        {
            return true;
        }

        foreach (var required in foldedNames)
        {
            if (Array.TrueForAll(required, names.Contains))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A name folded the way /i compares it, for set lookups.</summary>
    public static string Fold(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Upper(chars[i]);
        }

        return new string(chars);
    }

    private static bool HasAll(string[] names, string[] literals)
    {
        foreach (var literal in literals)
        {
            var found = false;
            foreach (var name in names)
            {
                if (name.Length == literal.Length && SameIgnoringCase(name, literal))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameIgnoringCase(string a, string b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (!SameIgnoringCase(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A path split once for every rule it is matched against.</summary>
    public sealed class Subject
    {
        public Subject(string text)
        {
            Text = text;
            Segments = SlashSplit(text).ToArray();
            var filename = Segments[Segments.Length - 1];
            for (var i = Segments.Length - 2; filename.Length == 0 && i >= 0; i--)
            {
                filename = Segments[i];
            }

            FilenameOnly = new[] { filename };
        }

        public string Text { get; }

        public string[] Segments { get; }

        /// <summary>The last non-empty name, alone.</summary>
        public string[] FilenameOnly { get; }
    }

    /// <summary>Splits on runs of '/' (minimatch without preserveMultipleSlashes, on POSIX).</summary>
    private static List<string> SlashSplit(string path)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i <= path.Length; i++)
        {
            if (i == path.Length || path[i] == '/')
            {
                parts.Add(path.Substring(start, i - start));
                while (i + 1 < path.Length && path[i + 1] == '/')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        return parts;
    }

    /// <summary>minimatch's levelOneOptimize: adjacent ** fold into one, and "name/.." is removed.</summary>
    private static List<string> LevelOneOptimize(List<string> parts)
    {
        var result = new List<string>();
        foreach (var part in parts)
        {
            var previous = result.Count > 0 ? result[result.Count - 1] : null;
            if (part == "**" && previous == "**")
            {
                continue;
            }

            if (part == ".." && previous != null && previous.Length > 0 && previous != ".." && previous != "." && previous != "**")
            {
                result.RemoveAt(result.Count - 1);
                continue;
            }

            result.Add(part);
        }

        if (result.Count == 0)
        {
            result.Add("");
        }

        return result;
    }

    private static bool MatchOne(string[] file, Part[] pattern, bool partial)
    {
        foreach (var part in pattern)
        {
            if (part.IsGlobstar)
            {
                return new GlobstarMatch(file, pattern, partial).Run();
            }
        }

        return MatchSegments(file, file.Length, pattern, 0, pattern.Length, partial, 0);
    }

    /// <summary>
    /// minimatch's #matchOne over file[fileIndex..fileLength) and pattern[patternIndex..patternLength): segment by segment,
    /// with its rules for running out of either side (partial: the file may end first; a final "" file segment may be left).
    /// </summary>
    private static bool MatchSegments(string[] file, int fileLength, Part[] pattern, int patternIndex, int patternLength, bool partial, int fileIndex)
    {
        var fi = fileIndex;
        var pi = patternIndex;
        for (; fi < fileLength && pi < patternLength; fi++, pi++)
        {
            if (pattern[pi].IsGlobstar || !pattern[pi].Matches(file[fi]))
            {
                return false;
            }
        }

        if (fi == fileLength && pi == patternLength)
        {
            return true;
        }

        if (fi == fileLength)
        {
            return partial;
        }

        return fi == fileLength - 1 && file[fi].Length == 0;
    }

    private static bool IsDotOrDotDot(string segment) => segment == "." || segment == "..";

    /// <summary>minimatch 10.2's #matchGlobstar: head, tail, then the ** delimited body sections, memoized by position.</summary>
    private sealed class GlobstarMatch
    {
        private readonly string[] file;
        private readonly Part[] pattern;
        private readonly bool partial;
        private readonly Dictionary<long, bool?> memo = new();
        private List<(Part[] Body, int After)> sections = new();

        public GlobstarMatch(string[] file, Part[] pattern, bool partial)
        {
            this.file = file;
            this.pattern = pattern;
            this.partial = partial;
        }

        public bool Run()
        {
            var firstGlobstar = Array.FindIndex(pattern, p => p.IsGlobstar);
            var lastGlobstar = Array.FindLastIndex(pattern, p => p.IsGlobstar);
            var head = Slice(pattern, 0, firstGlobstar);
            var body = partial ? Slice(pattern, firstGlobstar + 1, pattern.Length) : Slice(pattern, firstGlobstar + 1, lastGlobstar);
            var tail = partial ? Array.Empty<Part>() : Slice(pattern, lastGlobstar + 1, pattern.Length);

            var fileIndex = 0;
            if (head.Length > 0)
            {
                var fileHead = Slice(file, 0, Math.Min(head.Length, file.Length));
                if (!MatchSegments(fileHead, fileHead.Length, head, 0, head.Length, partial, 0))
                {
                    return false;
                }

                fileIndex += head.Length;
            }

            var fileTailMatch = 0;
            if (tail.Length > 0)
            {
                if (tail.Length + fileIndex > file.Length)
                {
                    return false;
                }

                var tailStart = file.Length - tail.Length;
                if (MatchSegments(file, file.Length, tail, 0, tail.Length, partial, tailStart))
                {
                    fileTailMatch = tail.Length;
                }
                else
                {
                    // a/**/* matches a/b/: try the tail without a final "" file segment.
                    if (file[file.Length - 1].Length != 0 || fileIndex + tail.Length == file.Length)
                    {
                        return false;
                    }

                    tailStart--;
                    if (!MatchSegments(file, file.Length, tail, 0, tail.Length, partial, tailStart))
                    {
                        return false;
                    }

                    fileTailMatch = tail.Length + 1;
                }
            }

            if (body.Length == 0)
            {
                var sawSome = fileTailMatch > 0;
                for (var i = fileIndex; i < file.Length - fileTailMatch; i++)
                {
                    sawSome = true;
                    if (IsDotOrDotDot(file[i]))
                    {
                        return false;
                    }
                }

                return partial || sawSome;
            }

            // The body split at each **, each section with the last file index it may start at.
            var bodies = new List<List<Part>> { new() };
            var nonGlobstarParts = 0;
            var sums = new List<int> { 0 };
            foreach (var part in body)
            {
                if (part.IsGlobstar)
                {
                    sums.Add(nonGlobstarParts);
                    bodies.Add(new List<Part>());
                }
                else
                {
                    bodies[bodies.Count - 1].Add(part);
                    nonGlobstarParts++;
                }
            }

            var fileLength = file.Length - fileTailMatch;
            var index = bodies.Count - 1;
            sections = new List<(Part[], int)>();
            foreach (var section in bodies)
            {
                sections.Add((section.ToArray(), fileLength - (sums[index--] + section.Count)));
            }

            return Sections(fileIndex, 0, fileTailMatch > 0) == true;
        }

        /// <summary>#matchGlobStarBodySections: true, false, or null for "stop trying". A pure function of its arguments, so memoized.</summary>
        private bool? Sections(int fileIndex, int bodyIndex, bool sawTail)
        {
            var key = ((long)fileIndex << 32) | (uint)bodyIndex;
            if (memo.TryGetValue(key, out var known))
            {
                return known;
            }

            var result = Compute(fileIndex, bodyIndex, sawTail);
            memo[key] = result;
            return result;
        }

        private bool? Compute(int fileIndex, int bodyIndex, bool sawTail)
        {
            if (bodyIndex >= sections.Count)
            {
                for (var i = fileIndex; i < file.Length; i++)
                {
                    sawTail = true;
                    if (IsDotOrDotDot(file[i]))
                    {
                        return false;
                    }
                }

                return sawTail;
            }

            var (body, after) = sections[bodyIndex];
            while (fileIndex <= after)
            {
                var end = Math.Min(fileIndex + body.Length, file.Length);
                if (MatchSegments(file, end, body, 0, body.Length, partial, fileIndex) && bodyIndex < MaxGlobstarRecursion)
                {
                    var rest = Sections(fileIndex + body.Length, bodyIndex + 1, sawTail);
                    if (rest != false)
                    {
                        return rest;
                    }
                }

                if (fileIndex < file.Length && IsDotOrDotDot(file[fileIndex]))
                {
                    return false;
                }

                fileIndex++;
            }

            return partial ? true : null;
        }
    }

    private static T[] Slice<T>(T[] array, int start, int end)
    {
        if (end <= start)
        {
            return Array.Empty<T>();
        }

        var result = new T[end - start];
        Array.Copy(array, start, result, 0, end - start);
        return result;
    }

    /// <summary>One path segment of a pattern: **, a literal, or a glob over one name (case-insensitive: nocase).</summary>
    private sealed class Part
    {
        private readonly Token[] tokens;
        private readonly Func<string, bool>? fastTest;

        private Part(bool globstar, Token[] tokens, Func<string, bool>? fastTest)
        {
            IsGlobstar = globstar;
            this.tokens = tokens;
            this.fastTest = fastTest;
            if (!globstar && fastTest == null && Array.TrueForAll(tokens, t => t.Kind == TokenKind.Literal))
            {
                Literal = new string(Array.ConvertAll(tokens, t => t.Char));
            }
        }

        public bool IsGlobstar { get; }

        /// <summary>The name this segment matches (ignoring case) when it has no wildcard; else null.</summary>
        public string? Literal { get; }

        public static Part? Compile(string segment, out string? unsupported)
        {
            unsupported = null;
            if (segment == "**")
            {
                return new Part(true, Array.Empty<Token>(), null);
            }

            if (segment.Length == 0)
            {
                return new Part(false, Array.Empty<Token>(), null);
            }

            if (FindExtglob(segment))
            {
                unsupported = $"the extglob in '{segment}'";
                return null;
            }

            var tokens = Tokenize(segment, out unsupported);
            return tokens == null ? null : new Part(false, tokens, FastTest(segment));
        }

        public bool Matches(string name)
        {
            if (fastTest != null)
            {
                return fastTest(name);
            }

            return GlobMatch(tokens, name);
        }

        /// <summary>
        /// minimatch replaces the regular expression of the commonest shapes with these tests, for *, *.ext, ??? and
        /// ???.ext, *.* and .*; they take the text after the stars as written (an escape in it stays a backslash).
        /// </summary>
        private static Func<string, bool>? FastTest(string segment)
        {
            var stars = 0;
            while (stars < segment.Length && segment[stars] == '*')
            {
                stars++;
            }

            if (stars == segment.Length)
            {
                return f => f.Length != 0 && !IsDotOrDotDot(f);
            }

            if (stars > 0 && IndexOfAny(segment, stars, "+@!?*[(") < 0)
            {
                var extension = segment.Substring(stars);
                return f => EndsWithIgnoreCase(f, extension);
            }

            var qmarks = 0;
            while (qmarks < segment.Length && segment[qmarks] == '?')
            {
                qmarks++;
            }

            if (qmarks > 0 && IndexOfAny(segment, qmarks, "+@!?*[(") < 0)
            {
                var extension = segment.Substring(qmarks);
                var length = segment.Length;
                return f => f.Length == length && !IsDotOrDotDot(f) && EndsWithIgnoreCase(f, extension);
            }

            if (stars > 0 && stars < segment.Length && segment[stars] == '.' && IsAll(segment, stars + 1, '*') && stars + 1 < segment.Length)
            {
                return f => !IsDotOrDotDot(f) && f.IndexOf('.') >= 0;
            }

            if (segment[0] == '.' && segment.Length > 1 && IsAll(segment, 1, '*'))
            {
                return f => !IsDotOrDotDot(f) && f.StartsWith(".", StringComparison.Ordinal);
            }

            return null;
        }

        private static bool IsAll(string text, int start, char c)
        {
            for (var i = start; i < text.Length; i++)
            {
                if (text[i] != c)
                {
                    return false;
                }
            }

            return true;
        }

        private static int IndexOfAny(string text, int start, string chars)
        {
            for (var i = start; i < text.Length; i++)
            {
                if (chars.IndexOf(text[i]) >= 0)
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool EndsWithIgnoreCase(string text, string end)
        {
            if (end.Length > text.Length)
            {
                return false;
            }

            var offset = text.Length - end.Length;
            for (var i = 0; i < end.Length; i++)
            {
                if (!SameIgnoringCase(text[offset + i], end[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>minimatch's AST parser: an unescaped one of !?+*@ before '(' outside a bracket starts an extglob.</summary>
        private static bool FindExtglob(string segment)
        {
            var escaping = false;
            var inBracket = false;
            var bracketStart = -1;
            var bracketNegated = false;
            for (var i = 0; i < segment.Length;)
            {
                var c = segment[i++];
                if (escaping || c == '\\')
                {
                    escaping = !escaping;
                    continue;
                }

                if (inBracket)
                {
                    if (i == bracketStart + 1)
                    {
                        bracketNegated |= c == '^' || c == '!';
                    }
                    else if (c == ']' && !(i == bracketStart + 2 && bracketNegated))
                    {
                        inBracket = false;
                    }

                    continue;
                }

                if (c == '[')
                {
                    inBracket = true;
                    bracketStart = i;
                    bracketNegated = false;
                    continue;
                }

                if ("!?+*@".IndexOf(c) >= 0 && i < segment.Length && segment[i] == '(')
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>minimatch's #parseGlob: runs of * fold into one; a backslash escapes; [ starts a class when it closes.</summary>
        private static Token[]? Tokenize(string glob, out string? unsupported)
        {
            unsupported = null;
            var tokens = new List<Token>();
            var escaping = false;
            var inStar = false;
            for (var i = 0; i < glob.Length; i++)
            {
                var c = glob[i];
                if (escaping)
                {
                    escaping = false;
                    tokens.Add(Token.Literal(c));
                    continue;
                }

                if (c == '*')
                {
                    if (!inStar)
                    {
                        tokens.Add(Token.Star);
                    }

                    inStar = true;
                    continue;
                }

                inStar = false;
                if (c == '\\')
                {
                    if (i == glob.Length - 1)
                    {
                        tokens.Add(Token.Literal('\\'));
                    }
                    else
                    {
                        escaping = true;
                    }

                    continue;
                }

                if (c == '[')
                {
                    var consumed = ParseClass(glob, i, out var token, out unsupported);
                    if (unsupported != null)
                    {
                        return null;
                    }

                    if (consumed > 0)
                    {
                        tokens.Add(token!);
                        i += consumed - 1;
                        continue;
                    }
                }

                tokens.Add(c == '?' ? Token.AnyChar : Token.Literal(c));
            }

            return tokens.ToArray();
        }

        /// <summary>minimatch's parseClass: the characters consumed (0 when the bracket does not close, so '[' is literal).</summary>
        private static int ParseClass(string glob, int position, out Token? token, out string? unsupported)
        {
            token = null;
            unsupported = null;
            var ranges = new List<(char From, char To)>();
            var i = position + 1;
            var sawStart = false;
            var escaping = false;
            var negate = false;
            var end = position;
            char? rangeStart = null;
            while (i < glob.Length)
            {
                var c = glob[i];
                if ((c == '!' || c == '^') && i == position + 1)
                {
                    negate = true;
                    i++;
                    continue;
                }

                if (c == ']' && sawStart && !escaping)
                {
                    end = i + 1;
                    break;
                }

                sawStart = true;
                if (c == '\\' && !escaping)
                {
                    escaping = true;
                    i++;
                    continue;
                }

                if (c == '[' && !escaping && i + 1 < glob.Length && glob[i + 1] == ':')
                {
                    unsupported = $"the POSIX character class in '{glob}'";
                    return 0;
                }

                escaping = false;
                if (rangeStart != null)
                {
                    if (c >= rangeStart.Value)
                    {
                        ranges.Add((rangeStart.Value, c));
                    }

                    rangeStart = null;
                    i++;
                    continue;
                }

                if (string.CompareOrdinal(glob, i + 1, "-]", 0, 2) == 0)
                {
                    ranges.Add((c, c));
                    ranges.Add(('-', '-'));
                    i += 2;
                    continue;
                }

                if (i + 1 < glob.Length && glob[i + 1] == '-')
                {
                    rangeStart = c;
                    i += 2;
                    continue;
                }

                ranges.Add((c, c));
                i++;
            }

            if (end < i)
            {
                return 0;
            }

            token = ranges.Count == 0 ? Token.Never : Token.Class(ranges.ToArray(), negate);
            return end - position;
        }

        private static bool GlobMatch(Token[] tokens, string name)
        {
            // The classic one-star-backtrack loop: * is the only token that spans, so this is O(tokens x name).
            var t = 0;
            var n = 0;
            var starToken = -1;
            var starName = 0;
            while (n < name.Length)
            {
                if (t < tokens.Length && tokens[t].Kind != TokenKind.Star && tokens[t].Matches(name[n]))
                {
                    t++;
                    n++;
                }
                else if (t < tokens.Length && tokens[t].Kind == TokenKind.Star)
                {
                    starToken = t++;
                    starName = n;
                }
                else if (starToken >= 0)
                {
                    t = starToken + 1;
                    n = ++starName;
                }
                else
                {
                    return false;
                }
            }

            while (t < tokens.Length && tokens[t].Kind == TokenKind.Star)
            {
                t++;
            }

            return t == tokens.Length;
        }
    }

    private enum TokenKind
    {
        Literal,
        AnyChar,
        Star,
        Class,
        Never,
    }

    private sealed class Token
    {
        public static readonly Token Star = new(TokenKind.Star, '\0', null, false);
        public static readonly Token AnyChar = new(TokenKind.AnyChar, '\0', null, false);
        public static readonly Token Never = new(TokenKind.Never, '\0', null, false);

        private readonly char literal;
        private readonly (char From, char To)[]? ranges;
        private readonly bool negate;

        private Token(TokenKind kind, char literal, (char, char)[]? ranges, bool negate)
        {
            Kind = kind;
            this.literal = literal;
            this.ranges = ranges;
            this.negate = negate;
        }

        public TokenKind Kind { get; }

        /// <summary>The character of a literal.</summary>
        public char Char => literal;

        public static Token Literal(char c) => new(TokenKind.Literal, c, null, false);

        public static Token Class((char, char)[] ranges, bool negate) => new(TokenKind.Class, '\0', ranges, negate);

        public bool Matches(char c) => Kind switch
        {
            // A path segment never holds '/'.
            TokenKind.Literal => SameIgnoringCase(c, literal),
            TokenKind.AnyChar => true,
            TokenKind.Class => InClass(c) != negate,
            _ => false,
        };

        private bool InClass(char c)
        {
            // JavaScript's /i: a member matches when it folds to the same character.
            foreach (var candidate in new[] { c, Upper(c), Lower(c) })
            {
                foreach (var (from, to) in ranges!)
                {
                    if (candidate >= from && candidate <= to)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }

    /// <summary>JavaScript's case folding for /i without /u: upper case, unless that turns a non-ASCII character into ASCII.</summary>
    private static char Upper(char c)
    {
        var upper = char.ToUpperInvariant(c);
        return upper < 128 && c >= 128 ? c : upper;
    }

    private static char Lower(char c)
    {
        var lower = char.ToLowerInvariant(c);
        return lower < 128 && c >= 128 ? c : lower;
    }

    private static bool SameIgnoringCase(char a, char b) => a == b || Upper(a) == Upper(b);
}

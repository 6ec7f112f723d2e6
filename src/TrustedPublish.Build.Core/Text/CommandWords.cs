using System.Collections.Generic;
using System.Text;

namespace TrustedPublish.Build.Text;

/// <summary>
/// A shell script read as commands and their words, in one pass: enough of sh to see what a `run:` runs
/// (quotes, backslashes, line continuations, comments, and `;` `&amp;` `|` `(` `)` and newlines between
/// commands), without expanding anything. A regular expression over the text would also match strings and
/// comments, and backtracks on long hostile lines.
/// </summary>
internal static class CommandWords
{
    /// <summary>One word: its text with quotes and escapes removed, and where it is in the script (quotes included).</summary>
    internal readonly struct Word
    {
        public Word(string text, int start, int end)
        {
            Text = text;
            Start = start;
            End = end;
        }

        public string Text { get; }

        public int Start { get; }

        /// <summary>Just past the word's last character.</summary>
        public int End { get; }
    }

    /// <summary>The commands of <paramref name="script"/>, each as its words; commands without words are left out.</summary>
    public static List<List<Word>> Split(string script)
    {
        var commands = new List<List<Word>>();
        var words = new List<Word>();
        var text = new StringBuilder();
        var start = -1; // Start of the current word, -1 between words.
        var i = 0;

        void EndWord(int end)
        {
            if (start >= 0)
            {
                words.Add(new Word(text.ToString(), start, end));
                text.Clear();
                start = -1;
            }
        }

        void EndCommand(int end)
        {
            EndWord(end);
            if (words.Count > 0)
            {
                commands.Add(words);
                words = new List<Word>();
            }
        }

        while (i < script.Length)
        {
            var c = script[i];
            if (c == '\\' && i + 1 < script.Length && script[i + 1] == '\n')
            {
                i += 2; // A line continuation joins the lines.
                continue;
            }

            if (c == '\\' && i + 1 < script.Length && script[i + 1] == '\r' && i + 2 < script.Length && script[i + 2] == '\n')
            {
                i += 3;
                continue;
            }

            if (c is ' ' or '\t' or '\r')
            {
                EndWord(i);
                i++;
            }
            else if (c is '\n' or ';' or '&' or '|' or '(' or ')')
            {
                EndCommand(i);
                i++;
            }
            else if (c == '#' && start < 0)
            {
                // A comment runs to the end of the line.
                while (i < script.Length && script[i] != '\n')
                {
                    i++;
                }
            }
            else
            {
                if (start < 0)
                {
                    start = i;
                }

                i = ReadWordPart(script, i, text);
            }
        }

        EndCommand(script.Length);
        return commands;
    }

    /// <summary>Appends one character, escape or quoted string starting at <paramref name="i"/>; returns the index after it.</summary>
    private static int ReadWordPart(string script, int i, StringBuilder text)
    {
        var c = script[i];
        if (c == '\\')
        {
            if (i + 1 < script.Length)
            {
                text.Append(script[i + 1]);
                return i + 2;
            }

            text.Append(c);
            return i + 1;
        }

        if (c == '\'')
        {
            // Single quotes: everything up to the next single quote, as it is.
            var close = script.IndexOf('\'', i + 1);
            var end = close < 0 ? script.Length : close;
            text.Append(script, i + 1, end - i - 1);
            return close < 0 ? script.Length : close + 1;
        }

        if (c == '"')
        {
            // Double quotes: a backslash escapes only $ ` " \ and a newline.
            i++;
            while (i < script.Length && script[i] != '"')
            {
                if (script[i] == '\\' && i + 1 < script.Length && script[i + 1] is '$' or '`' or '"' or '\\' or '\n')
                {
                    if (script[i + 1] != '\n')
                    {
                        text.Append(script[i + 1]);
                    }

                    i += 2;
                }
                else
                {
                    text.Append(script[i]);
                    i++;
                }
            }

            return i < script.Length ? i + 1 : i;
        }

        text.Append(c);
        return i + 1;
    }
}

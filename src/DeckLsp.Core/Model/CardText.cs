using System.Text;
using System.Text.RegularExpressions;

namespace DeckLsp.Core.Model;

/// <summary>Reading a card side's Markdown source as text: for titles, emptiness and comparing questions.</summary>
public static partial class CardText
{
    public static string WithoutComments(string markdown) => Comment.Replace(markdown, "");

    public static bool IsBlank(string markdown) => string.IsNullOrWhiteSpace(WithoutComments(markdown));

    /// <summary>The first non-blank line, trimmed: a card's name in outlines and search.</summary>
    public static string FirstLine(string markdown)
    {
        foreach (var line in WithoutComments(markdown).Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0)
            {
                return trimmed.Length <= 120 ? trimmed : trimmed[..119] + "…";
            }
        }

        return "";
    }

    /// <summary>Case, white space and emphasis folded away, so that "**What** is X?" and "what is  x?" compare equal.</summary>
    public static string Normalize(string markdown) => Fold(markdown, lowerCase: true);

    /// <summary>
    /// A question as DECK006 compares it: white space, emphasis and comments folded away as by <see cref="Normalize"/>,
    /// and case folded only where it is prose. A question of one word keeps its case (<c>i</c>/<c>I</c>, <c>gu</c>/<c>gU</c>,
    /// <c>Co</c>/<c>CO</c> are different things), and so does a word with a capital after its first letter and a small
    /// letter too (<c>gU</c>, <c>iPhone</c>, <c>NaCl</c>); any other word is compared without case, so "What is X?" and
    /// "WHAT IS X?" are the same question (docs/diagnostics.md).
    /// </summary>
    public static string DuplicateKey(string markdown)
    {
        var folded = Fold(markdown, lowerCase: false);
        if (folded.IndexOf(' ', StringComparison.Ordinal) < 0)
        {
            return folded;
        }

        var words = folded.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (!CaseMatters(words[i]))
            {
                words[i] = words[i].ToLowerInvariant();
            }
        }

        return string.Join(' ', words);
    }

    // A capital after the word's first letter, in a word that also has a small letter: code, a command, a symbol, a brand.
    private static bool CaseMatters(string word)
    {
        bool letter = false, lower = false, laterUpper = false;
        foreach (var c in word)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            lower |= char.IsLower(c);
            laterUpper |= letter && char.IsUpper(c);
            letter = true;
        }

        return lower && laterUpper;
    }

    private static string Fold(string markdown, bool lowerCase)
    {
        var builder = new StringBuilder(markdown.Length);
        var space = false;
        foreach (var c in WithoutComments(markdown))
        {
            if (c is '*' or '_' or '~')
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(lowerCase ? char.ToLowerInvariant(c) : c);
        }

        return builder.ToString();
    }

    // Non-backtracking: a side full of unclosed "<!--" was searched to its end once per opener (a 200 KB question took
    // a second per snapshot); this engine finds every match in one pass, with the same results.
    private static readonly Regex Comment = new("<!--.*?-->", RegexOptions.Singleline | RegexOptions.NonBacktracking);
}

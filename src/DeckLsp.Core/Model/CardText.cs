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
    public static string Normalize(string markdown)
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

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    // Non-backtracking: a side full of unclosed "<!--" was searched to its end once per opener (a 200 KB question took
    // a second per snapshot); this engine finds every match in one pass, with the same results.
    private static readonly Regex Comment = new("<!--.*?-->", RegexOptions.Singleline | RegexOptions.NonBacktracking);
}

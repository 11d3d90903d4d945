using System.Text;
using System.Text.RegularExpressions;

namespace DeckLsp.Core.Model;

/// <summary>The rules for explicit card ids (<c>&lt;!-- id: x --&gt;</c>) and how fresh ones are made.</summary>
public static partial class CardIds
{
    public static bool IsValid(string id) => ValidId().IsMatch(id);

    /// <summary>A valid id from the question's words, unique among <paramref name="taken"/>.</summary>
    public static string Fresh(string question, IReadOnlySet<string> taken)
    {
        var slug = new StringBuilder();
        foreach (var c in CardText.FirstLine(question).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= 40)
            {
                break;
            }
        }

        var stem = slug.ToString().Trim('-');
        if (stem.Length == 0)
        {
            stem = "card";
        }

        var candidate = stem;
        for (var n = 2; taken.Contains(candidate); n++)
        {
            candidate = $"{stem}-{n}";
        }

        return candidate;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ValidId();
}

using System.Text.RegularExpressions;

namespace DeckLsp.Core.Parsing;

/// <summary>Recognises markers (<c>Q:</c>, <c>R:</c>, <c>A:</c>, <c>C:</c>) and the look-alikes that authors type by mistake.</summary>
public static partial class Markers
{
    public const int Length = 2;

    public static string Canonical(MarkerKind kind) => kind switch
    {
        MarkerKind.Question => "Q:",
        MarkerKind.Answer => "A:",
        MarkerKind.Cloze => "C:",
        MarkerKind.Reversible => "R:",
        _ => "",
    };

    /// <summary>The marker that <paramref name="line"/> starts with, at its very first character.</summary>
    public static MarkerKind At(ReadOnlySpan<char> line)
    {
        if (line.Length < 2 || line[1] != ':')
        {
            return MarkerKind.None;
        }

        return line[0] switch
        {
            'Q' => MarkerKind.Question,
            'A' => MarkerKind.Answer,
            'C' => MarkerKind.Cloze,
            'R' => MarkerKind.Reversible,
            _ => MarkerKind.None,
        };
    }

    /// <summary>
    /// A look-alike at the start of a line: <c>q:</c>, <c>Q :</c>, <c>**Q:**</c>, <c>Question:</c>, <c>Q：</c>, and,
    /// when <paramref name="firstLine"/>, <c>Q.</c> or a lone <c>Q</c>. Returns the length of the look-alike text.
    /// </summary>
    public static (MarkerKind Kind, int Length) LookAlike(ReadOnlySpan<char> line, bool firstLine)
    {
        var match = ColonLookAlike().Match(line.ToString());
        if (match.Success)
        {
            return (KindOf(match.Groups["word"].Value), match.Length);
        }

        if (!firstLine)
        {
            return (MarkerKind.None, 0);
        }

        var trimmed = line.TrimEnd();
        // A lone or dotted R is an initial or a language far more often than a reversible card: only Q, A and C count.
        if (trimmed.Length == 1 && KindOf(trimmed.ToString()) is var lone && lone is not (MarkerKind.None or MarkerKind.Reversible))
        {
            return (lone, 1);
        }

        if (line.Length >= 2 && line[1] == '.' && (line.Length == 2 || char.IsWhiteSpace(line[2]))
            && KindOf(line[..1].ToString()) is var dotted && dotted is not (MarkerKind.None or MarkerKind.Reversible) && char.IsUpper(line[0]))
        {
            return (dotted, 2);
        }

        return (MarkerKind.None, 0);
    }

    private static MarkerKind KindOf(string word) => word.ToLowerInvariant() switch
    {
        "q" or "question" => MarkerKind.Question,
        "a" or "answer" => MarkerKind.Answer,
        "c" or "cloze" => MarkerKind.Cloze,
        "r" => MarkerKind.Reversible,
        _ => MarkerKind.None,
    };

    // Everything here is a look-alike only because the canonical form (an upper-case letter and ':' at once) was
    // already ruled out by At(); the alternatives are the mistakes authors make when moving from other tools. R (newer,
    // and a common letter in prose: "r: the radius") has only the bold, spaced and full-width forms, never lower case.
    [GeneratedRegex(
        @"^(?:(?<open>\*\*|__)(?<word>[QAC]|(?-i:R)|Question|Answer|Cloze)\s*[:：](?:\k<open>)|(?<word>[qac])\s*[:：]|(?<word>[QAC]|(?-i:R))\s+[:：]|(?<word>[QAC]|(?-i:R))：|(?<word>question|answer|cloze)\s*[:：])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ColonLookAlike();
}

namespace DeckLsp.Server.Workspace;

/// <summary>
/// Subsequence matching for workspace search: every query character must appear in order. Runs of consecutive
/// characters and matches at word starts score higher, and an early first match beats a late one.
/// </summary>
internal static class FuzzyMatch
{
    /// <summary>The match's score (higher is better), or null when the query is not a subsequence of the candidate.</summary>
    public static int? Score(string query, string candidate)
    {
        var pattern = string.Concat(query.Where(c => !char.IsWhiteSpace(c)));
        if (pattern.Length == 0)
        {
            return 0;
        }

        int? best = null;
        for (var start = 0; start < candidate.Length; start++)
        {
            if (!SameLetter(candidate[start], pattern[0]))
            {
                continue;
            }

            if (ScoreFrom(pattern, candidate, start) is not { } score)
            {
                // No later start can match the rest if this one could not.
                break;
            }

            best = Math.Max(best ?? int.MinValue, score);
        }

        return best;
    }

    private static int? ScoreFrom(string pattern, string candidate, int start)
    {
        var score = -Math.Min(start / 4, 5);
        var previous = -2;
        var p = 0;
        for (var i = start; i < candidate.Length && p < pattern.Length; i++)
        {
            if (!SameLetter(candidate[i], pattern[p]))
            {
                continue;
            }

            score += 1;
            if (i == previous + 1)
            {
                score += 6;
            }

            if (i == 0 || !char.IsLetterOrDigit(candidate[i - 1]))
            {
                score += 3;
            }

            previous = i;
            p++;
        }

        return p == pattern.Length ? score : null;
    }

    private static bool SameLetter(char a, char b) => char.ToLowerInvariant(a) == char.ToLowerInvariant(b);
}

using DeckLsp.Core.Rendering;

namespace DeckLsp.Server.Cli;

/// <summary>What `decklsp study` shows of one card: the card as text, what each rating would do, and the progress.</summary>
internal sealed record StudyView(TextCard Card, IReadOnlyList<string> Intervals, bool Cram, int Done, int Remaining, string Where);

/// <summary>What the user chose at a step.</summary>
internal enum StudyAction
{
    Answer,
    Rate,
    Undo,
    Quit,
}

internal readonly record struct StudyChoice(StudyAction Action, int Rating = 0);

/// <summary>A session's end: the cards reviewed, how many of each rating, and how long it took.</summary>
internal sealed record StudySummary(int Reviewed, IReadOnlyList<int> Ratings, TimeSpan Duration, bool Cram)
{
    /// <summary>"3 cards reviewed in 1m 05s · 1: 0  2: 1  3: 0  4: 1  5: 1", as both screens print it.</summary>
    public string Text => $"{Reviewed} {(Reviewed == 1 ? "card" : "cards")} {(Cram ? "crammed" : "reviewed")} in {Elapsed(Duration)} · "
        + string.Join("  ", Ratings.Select((count, i) => $"{i + 1}: {count}"));

    private static string Elapsed(TimeSpan span) => span.TotalHours >= 1
        ? $"{(int)span.TotalHours}h {span.Minutes:00}m"
        : $"{(int)span.TotalMinutes}m {span.Seconds:00}s";
}

/// <summary>How `decklsp study` talks to the user: keys in a terminal (<see cref="TerminalStudyScreen"/>), or lines (<see cref="LineStudyScreen"/>).</summary>
internal interface IStudyScreen
{
    /// <summary>Shows the question; the user asks for the answer, undoes the last rating, or quits.</summary>
    StudyChoice Question(StudyView view);

    /// <summary>Shows the answer and what each rating would do; the user rates, undoes or quits.</summary>
    StudyChoice Answer(StudyView view);

    /// <summary>A message about the last choice (an undo that could not be done).</summary>
    void Tell(string message);

    void End(StudySummary summary);
}

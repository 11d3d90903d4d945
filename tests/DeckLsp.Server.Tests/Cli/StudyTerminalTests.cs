using System.Text.RegularExpressions;
using DeckLsp.Core.History;
using DeckLsp.Server.Tests.History;

namespace DeckLsp.Server.Tests.Cli;

/// <summary>`decklsp study` in a real terminal (tmux): keys in, the screen read back, the ratings found in the history.</summary>
public sealed partial class StudyTerminalTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Database => Path.Combine(_folder.Path, "reviews.db");

    [Fact]
    public async Task The_sample_deck_is_studied_with_keys_to_the_end()
    {
        _folder.Write("rnn.deck.md", await File.ReadAllTextAsync(TestPaths.Sample("rnn.deck.md")));
        using var terminal = TmuxTerminal.Start(_folder.Path, "study", "rnn.deck.md", "--db", Database);

        var question = await terminal.WaitFor(Question("0 done · 9 left · rnn.deck.md:6"), "the first question");
        Assert.Contains("Recurrent Neural Networks (RNNs)", question);
        Assert.DoesNotContain("Answer", question);
        Assert.True(terminal.OnAlternateScreen(), "the session is not on the alternate screen");

        terminal.Send("Space");
        var answer = await terminal.WaitFor(Answer, "the answer");
        Assert.Contains("are a powerful and flexible class of neural networks", answer);
        Assert.Matches(Keys(), answer);

        // A rating, then its undo: the first card again, and nothing left of it in the history.
        terminal.Send("5");
        Assert.Contains("1. Introduction", await terminal.WaitFor(Question("1 done · 8 left"), "the second question"));

        // On disk before the next card was shown, while the session is still open.
        Assert.Equal([5], HistoryProbe.DatabaseRatings(Database).Select(r => r.Rating));
        terminal.Send("u");
        var undone = await terminal.WaitFor("Undid the rating of rnn.deck.md:6");
        Assert.Empty(HistoryProbe.DatabaseRatings(Database));
        Assert.Contains("0 done · 9 left", undone);
        Assert.Contains("Recurrent Neural Networks (RNNs)", undone);

        // Every key once, then Perfectly: cards rated 1 to 4 come back while they learn, and the session ends when none is left.
        var pressed = new List<int>();
        var screen = undone;
        while (!screen.Contains(" reviewed in ", StringComparison.Ordinal))
        {
            terminal.Send("Space");
            await terminal.WaitFor(Answer, "the answer");
            var rating = pressed.Count < 5 ? pressed.Count + 1 : 5;
            terminal.Send(rating.ToString());
            pressed.Add(rating);
            var done = Question($"── {pressed.Count} done · ");
            screen = await terminal.WaitFor(s => done(s) || s.Contains(" reviewed in ", StringComparison.Ordinal), $"the step after {pressed.Count} ratings");
            Assert.True(pressed.Count < 30, "the session did not end");
        }

        // The summary, whole once the process has exited.
        screen = await terminal.WaitFor("[exit 0]");
        var spread = string.Join("  ", Enumerable.Range(1, 5).Select(r => $"{r}: {pressed.Count(p => p == r)}"));
        Assert.Contains("Session over", screen);
        Assert.Contains("9 cards reviewed in ", screen);
        Assert.Contains(spread, screen);
        // Back on the shell's screen: the summary stays, the cards went with the session's screen.
        Assert.False(terminal.OnAlternateScreen(), "the session's screen was left on");
        Assert.DoesNotContain("Space/Enter show answer", screen);
        Assert.DoesNotContain("u undo · q quit", screen);
        var events = HistoryProbe.DatabaseEvents(Database);
        Assert.Equal([5, .. pressed], events.OfType<RatingEvent>().Select(r => r.Rating));
        Assert.Equal(pressed, HistoryProbe.DatabaseRatings(Database).Select(r => r.Rating));
        Assert.Single(events.OfType<UndoEvent>());
        Assert.Equal(9, events.OfType<CardSeenEvent>().Select(e => e.Card).Distinct().Count());
    }

    [Fact]
    public async Task Card_text_is_shown_as_written_never_read_as_markup()
    {
        _folder.Write("brackets.deck.md", """
            Q: What does *[bold]x[/]* print in `[red]` markup?

            A: It prints **x** in bold; [/] alone closes a style.

            C: Spectre's escape doubles {{[[}} and ]].
            """);
        using var terminal = TmuxTerminal.Start(_folder.Path, "study", "brackets.deck.md", "--cram", "--db", Database);

        var question = await terminal.WaitFor(Question("cram · 0 done · 2 left"), "the first question");
        Assert.Contains("What does [bold]x[/] print in [red] markup?", question);
        terminal.Send("Enter");
        var answer = await terminal.WaitFor(Answer, "the answer");
        Assert.Contains("It prints x in bold; [/] alone closes a style.", answer);
        Assert.Matches(@"1\s+Not at all again\s+2\s+again\s+3\s+done\s+4\s+done\s+5\s+Perfectly done", answer);
        terminal.Send("4");

        Assert.Contains("Spectre's escape doubles [...] and ]].", await terminal.WaitFor(Question("1 done · 1 left"), "the cloze card"));
        terminal.Send("Space");
        Assert.Contains("Spectre's escape doubles [[ and ]].", await terminal.WaitFor(Answer, "the cloze card's answer"));
        terminal.Send("q");

        var summary = await terminal.WaitFor("[exit 0]");
        Assert.Contains("Cram session over", summary);
        Assert.Contains("1 card crammed in ", summary);
        Assert.True(Assert.Single(HistoryProbe.DatabaseEvents(Database).OfType<RatingEvent>()).Cram);
    }

    // Each screen is cleared and drawn top to bottom: a step is shown once its last line is.
    private static Func<string, bool> Question(string progress) =>
        screen => screen.Contains(progress, StringComparison.Ordinal) && screen.Contains("Space/Enter show answer", StringComparison.Ordinal);

    private static bool Answer(string screen) => AnswerDrawn().IsMatch(screen);

    [GeneratedRegex("^u undo · q quit", RegexOptions.Multiline)]
    private static partial Regex AnswerDrawn();

    [GeneratedRegex(@"1\s+Not at all \d+m\s+2\s+\d+m\s+3\s+\d+m\s+4\s+\d+m\s+5\s+Perfectly \d+d")]
    private static partial Regex Keys();
}

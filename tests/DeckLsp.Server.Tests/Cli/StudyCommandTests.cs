using System.Text.Json;
using DeckLsp.Core.History;
using DeckLsp.Server.Cli;
using DeckLsp.Server.History;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;
using DeckLsp.Server.Tests.History;
using DeckLsp.Server.Tests.Protocol;

namespace DeckLsp.Server.Tests.Cli;

/// <summary>
/// `decklsp study` with its input piped (the line protocol of docs/reviews.md), run as a process: what it logs, undoes
/// and leaves alone in the history, read back from the database file.
/// </summary>
public sealed class StudyCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Database => Path.Combine(_folder.Path, "reviews.db");

    private async Task<string> Sample() => _folder.Write("rnn.deck.md", await File.ReadAllTextAsync(TestPaths.Sample("rnn.deck.md")));

    [Fact]
    public async Task Piped_lines_rate_cards_and_each_rating_is_in_the_history()
    {
        var deck = await Sample();

        var (code, output, error) = await StudyRun.Piped(StudyRun.Ratings(5, 4, 5) + "q\n", deck, "--db", Database);

        Assert.True(code == 0, error);
        Assert.Contains("Q: Recurrent Neural Networks (RNNs)", output);
        Assert.Contains("A: Recurrent Neural Networks (RNNs) are a powerful", output);
        Assert.Matches(@"\? 1 Not at all: \d+m \| 2: \d+m \| 3: \d+m \| 4: \d+m \| 5 Perfectly: \d+d \| u: undo \| q: quit", output);
        Assert.Contains("--- 0 done, 9 left · " + deck + ":6", output);
        Assert.Contains("=== 3 cards reviewed in ", output);
        Assert.Contains("1: 0  2: 0  3: 0  4: 1  5: 2", output);
        var events = HistoryProbe.DatabaseEvents(Database);
        Assert.Equal([5, 4, 5], events.OfType<RatingEvent>().Select(r => r.Rating));
        Assert.All(events.OfType<RatingEvent>(), r => Assert.False(r.Cram));
        Assert.Equal(3, events.OfType<CardSeenEvent>().Count());
        Assert.Equal(3, HistoryProbe.DatabaseRatings(Database).Count);
    }

    [Fact]
    public async Task A_deletion_that_hides_nothing_is_never_asked()
    {
        var deck = _folder.Write("cities.deck.md", "C: {{Berlin}} is in {{}}.\n\nC: Nothing {{ }} here.\n");

        var (code, output, error) = await StudyRun.Piped(StudyRun.Ratings(4, 4, 4) + "q\n", deck, "--db", Database);

        Assert.True(code == 0, error);
        Assert.Contains("--- 0 done, 1 left · " + deck + ":1", output);
        Assert.Contains("Q: [...] is in .", output);
        Assert.DoesNotContain("Nothing [...] here", output);
        Assert.DoesNotContain("Berlin is in [...]", output);
        Assert.Equal([1], HistoryProbe.DatabaseEvents(Database).OfType<RatingEvent>().Select(r => r.Key.Deletion).Distinct());
    }

    [Fact]
    public async Task The_intervals_shown_come_from_the_parameters_the_history_accepted()
    {
        var (database, _) = FittedParametersTests.SeededDatabase(_folder);
        var deck = _folder.Write("demo.deck.md", "---\nid: demo\n---\n\nQ: second <!-- id: two -->\nA: 2\n");

        var (code, output, error) = await StudyRun.Piped("\nq\n", deck, "--db", database);

        Assert.True(code == 0, error);
        var fitted = ReviewSettings.Default.Replay().WithWeights(FittedParametersTests.Fitted()).IntervalLabels("two", null, DateTimeOffset.UtcNow);
        Assert.NotEqual(ReviewSettings.Default.Replay().IntervalLabels("two", null, DateTimeOffset.UtcNow)[4], fitted[4]);
        Assert.Contains($"5 Perfectly: {fitted[4]} |", output);
    }

    [Fact]
    public async Task The_terminal_logs_the_same_events_as_a_session_in_the_editor()
    {
        var deck = await Sample();
        var uri = new Uri(deck).AbsoluteUri;
        string editorDatabase;
        // Balancing off on both sides: a balanced day is logged only when it differs from the fuzzed one, which
        // depends on the other cards' due days and the clock (StudyLoadBalanceTests and LoadBalanceProcessTests cover it).
        await using (var client = await LspTestClient.StartInitializedAsync(initializationOptions: new { loadBalance = false }))
        {
            editorDatabase = client.DatabasePath;
            await client.OpenAsync(uri, await File.ReadAllTextAsync(deck));
            var step = await client.RequestAsync<JsonElement>(Methods.StartReview, new { uri, scope = "deck" });
            var session = step.GetProperty("sessionId").GetString();
            foreach (var rating in new[] { 5, 3, 5 })
            {
                step = await client.RequestAsync<JsonElement>(Methods.Rate, new { sessionId = session, rating });
            }

            await client.RequestAsync<JsonElement>(Methods.Undo, new { sessionId = session });
            await client.RequestAsync<JsonElement>(Methods.EndReview, new { sessionId = session });
            await client.ShutdownAndExitAsync();
        }

        var (code, _, error) = await StudyRun.Piped(StudyRun.Ratings(5, 3, 5) + "u\nq\n", deck, "--db", Database, "--no-load-balance");

        Assert.True(code == 0, error);
        var editor = Shape(HistoryProbe.DatabaseEvents(editorDatabase));
        Assert.Equal(7, editor.Count);
        Assert.Equal(editor, Shape(HistoryProbe.DatabaseEvents(Database)));
    }

    [Fact]
    public async Task Undo_takes_back_the_last_rating_and_shows_its_card_again()
    {
        var deck = await Sample();

        var (code, output, error) = await StudyRun.Piped(StudyRun.Ratings(5) + "u\n" + StudyRun.Ratings(2) + "q\n", deck, "--db", Database);

        Assert.True(code == 0, error);
        Assert.Contains($"! Undid the rating of {deck}:6.", output);
        Assert.Equal(2, output.Split('\n').Count(l => l == "Q: Recurrent Neural Networks (RNNs)"));
        var events = HistoryProbe.DatabaseEvents(Database);
        var undo = Assert.Single(events.OfType<UndoEvent>());
        Assert.Equal(events.OfType<RatingEvent>().First().Id, undo.Target);
        var left = Assert.Single(HistoryProbe.DatabaseRatings(Database));
        Assert.Equal(2, left.Rating);
    }

    [Fact]
    public async Task Undo_with_nothing_rated_says_so_and_changes_nothing()
    {
        var deck = await Sample();

        var (code, output, _) = await StudyRun.Piped("u\nq\n", deck, "--db", Database);

        Assert.Equal(0, code);
        Assert.Contains("! Nothing to undo in this session.", output);
        Assert.DoesNotContain(HistoryProbe.DatabaseEvents(Database), e => e is RatingEvent or UndoEvent);
    }

    [Fact]
    public async Task The_end_of_input_ends_the_session_and_keeps_the_ratings_given()
    {
        var deck = await Sample();

        // Input ends after the second card's answer was shown, before it was rated.
        var (code, output, error) = await StudyRun.Piped(StudyRun.Ratings(4) + "\n", deck, "--db", Database);

        Assert.True(code == 0, error);
        Assert.Contains("=== 1 card reviewed in ", output);
        Assert.Equal([4], HistoryProbe.DatabaseRatings(Database).Select(r => r.Rating));
    }

    [Fact]
    public async Task Cram_shows_every_card_logs_cram_ratings_and_leaves_every_state_unchanged()
    {
        var deck = await Sample();
        var (first, _, firstError) = await StudyRun.Piped(StudyRun.Ratings(5, 3, 4) + "q\n", deck, "--db", Database);
        Assert.True(first == 0, firstError);
        var before = StatesOf(HistoryProbe.Derive(HistoryProbe.DatabaseEvents(Database)));

        // Again on the first card brings it back at the end: ten ratings for nine cards, then the summary.
        var (code, output, error) = await StudyRun.Piped(StudyRun.Ratings(1, 5, 5, 5, 5, 5, 5, 5, 5, 5), deck, "--cram", "--db", Database);

        Assert.True(code == 0, error);
        Assert.Contains("--- 0 done, 9 left", output);
        Assert.Contains("1 Not at all: again | 2: again | 3: done | 4: done | 5 Perfectly: done", output);
        Assert.Contains("=== 9 cards crammed in ", output);
        Assert.Contains("1: 1  2: 0  3: 0  4: 0  5: 9", output);
        Assert.Equal(2, output.Split('\n').Count(l => l == "Q: Recurrent Neural Networks (RNNs)"));
        var crammed = HistoryProbe.DatabaseEvents(Database).OfType<RatingEvent>().Where(r => r.Cram).ToList();
        Assert.Equal(10, crammed.Count);
        Assert.Equal(9, crammed.Select(r => r.Key).Distinct().Count());
        Assert.Equal(3, before.Count);
        Assert.Equal(before, StatesOf(HistoryProbe.Derive(HistoryProbe.DatabaseEvents(Database))));
    }

    [Theory]
    [InlineData("exam", new[] { "alpha", "gamma" })]
    [InlineData("lang", new[] { "beta", "gamma" })]
    [InlineData("lang/python", new[] { "gamma" })]
    [InlineData("LANG/RUST", new[] { "beta" })]
    [InlineData("bio", new[] { "alpha", "beta", "gamma", "delta" })]
    public async Task A_tag_picks_the_cards_that_carry_it_or_a_tag_under_it(string tag, string[] questions)
    {
        var deck = _folder.Write("tagged.deck.md", """
            ---
            tags: [bio]
            ---

            Q: alpha <!-- tags: exam -->
            A: a

            Q: beta <!-- tags: lang/rust -->
            A: b

            Q: gamma <!-- tags: exam lang/python -->
            A: c

            Q: delta
            A: d
            """);

        var (code, output, error) = await StudyRun.Piped(StudyRun.Ratings(5, 5, 5, 5), deck, "--tag", tag, "--db", Database);

        Assert.True(code == 0, error);
        Assert.Equal(questions.Select(q => "Q: " + q), output.Split('\n').Where(l => l.StartsWith("Q: ", StringComparison.Ordinal)));
        Assert.Equal(questions.Length, HistoryProbe.DatabaseRatings(Database).Count);
    }

    [Fact]
    public async Task Several_tags_pick_the_cards_with_any_of_them()
    {
        var deck = _folder.Write("tagged.deck.md", "Q: one <!-- tags: a -->\nA: 1\n\nQ: two <!-- tags: b -->\nA: 2\n\nQ: three <!-- tags: c -->\nA: 3\n");

        var (code, output, error) = await StudyRun.Piped(StudyRun.Ratings(5, 5, 5), deck, "--tag", "a", "--tag", "c", "--db", Database);

        Assert.True(code == 0, error);
        Assert.Equal(["Q: one", "Q: three"], output.Split('\n').Where(l => l.StartsWith("Q: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task New_limits_the_new_cards_of_the_session()
    {
        var deck = await Sample();

        var (code, output, error) = await StudyRun.Piped(StudyRun.Ratings(5, 5, 5, 5), deck, "--new", "2", "--db", Database);

        Assert.True(code == 0, error);
        Assert.Contains("--- 0 done, 2 left", output);
        Assert.Contains("=== 2 cards reviewed in ", output);
        Assert.Equal(2, HistoryProbe.DatabaseRatings(Database).Count);
    }

    [Theory]
    [InlineData("notes.txt", new string[0], "notes.txt is not a deck")]
    [InlineData("missing.deck.md", new string[0], "no such file or folder")]
    [InlineData("rnn.deck.md", new[] { "--tag", "a b" }, "malformed tag \"a b\"")]
    [InlineData("rnn.deck.md", new[] { "--new", "-1" }, "--new cannot be negative")]
    [InlineData("rnn.deck.md", new[] { "--db", "{folder}" }, "nothing studied")]
    public async Task Bad_input_gets_a_clear_message_and_exit_code_2(string path, string[] options, string message)
    {
        await Sample();
        _folder.Write("notes.txt", "Q: not\nA: a deck\n");
        var args = new List<string> { Path.Combine(_folder.Path, path) };
        args.AddRange(options.Select(o => o.Replace("{folder}", _folder.Path, StringComparison.Ordinal)));
        if (!args.Contains("--db"))
        {
            args.AddRange(["--db", Database]);
        }

        var (code, output, error) = await StudyRun.Piped("\n5\n", [.. args]);

        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.DoesNotContain("Q: ", output);
        Assert.Empty(HistoryProbe.DatabaseEvents(Database));
    }

    // Event kinds, keys, ratings and what each undo targets (by position): ids and times differ between two runs.
    private static List<string> Shape(IReadOnlyList<HistoryEvent> events)
    {
        var positions = events.Select((e, i) => (e.Id, i)).ToDictionary(p => p.Id, p => p.i);
        return events.Select(e => e switch
        {
            RatingEvent r => $"rating {r.Key} {r.Rating} cram={r.Cram}",
            UndoEvent u => $"undo {u.Key} of #{positions[u.Target]}",
            CardSeenEvent s => $"seen {s.Deck} {s.Card} {s.Question} {s.Answer}",
            _ => e.GetType().Name,
        }).ToList();
    }

    // The schedule of every card that has one (a card never rated in earnest has none, cram or not).
    private static List<string> StatesOf(ReviewHistory history) => history.Cards
        .Where(c => c.Value.State is not null)
        .OrderBy(c => c.Key.ToString(), StringComparer.Ordinal)
        .Select(c => $"{c.Key}: {c.Value.State}")
        .ToList();
}

/// <summary>`decklsp study` when the history stops taking ratings mid-session: run in-process, the user played by a script.</summary>
public sealed class StudyFailureTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    [Trait("Server", DeckLsp.Server.Tests.Executable.ServerUnderTest.InProcessOnly)]
    public void A_rating_that_cannot_be_saved_ends_the_session_with_exit_code_1_and_keeps_the_ratings_before_it()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Path, ".decklsp"));
        var deck = _folder.Write("deck.deck.md", "Q: one\nA: 1\n\nQ: two\nA: 2\n");
        var history = Path.Combine(_folder.Path, ".decklsp", "history");
        var kept = Path.Combine(_folder.Path, "kept.log");
        var (questions, device) = (0, "");
        var screen = new ScriptedScreen(() =>
        {
            if (++questions == 2)
            {
                // The log is moved away and a folder put in its place: the next append cannot be written.
                var log = Directory.EnumerateFiles(history, "*.log").Single();
                device = DeviceLog.DeviceOf(log)!;
                File.Move(log, kept);
                Directory.CreateDirectory(log);
            }
        });
        var error = new StringWriter();

        var code = StudyCommand.Run(new StudyCommand.Request([deck], [], false, null, new CliHistory.Where(null)), screen, TimeProvider.System, error);

        Assert.Equal(1, code);
        Assert.Contains($"the rating of {deck}:4 could not be saved", error.ToString());
        Assert.Equal(1, screen.Summary!.Reviewed);
        var events = DeviceLog.Read(kept, device).Events;
        Assert.Equal([5], events.OfType<RatingEvent>().Select(r => r.Rating));
    }

    private sealed class ScriptedScreen(Action onQuestion) : IStudyScreen
    {
        public StudySummary? Summary { get; private set; }

        public StudyChoice Question(StudyView view)
        {
            onQuestion();
            return new StudyChoice(StudyAction.Answer);
        }

        public StudyChoice Answer(StudyView view) => new(StudyAction.Rate, 5);

        public void Tell(string message) => throw new InvalidOperationException(message);

        public void End(StudySummary summary) => Summary = summary;
    }
}

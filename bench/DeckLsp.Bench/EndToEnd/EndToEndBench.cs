using System.Diagnostics;
using System.Text.Json.Nodes;
using DeckLsp.Bench.Generation;
using DeckLsp.Bench.Report;
using DeckLsp.Core.Parsing;
using Markdig;

namespace DeckLsp.Bench.EndToEnd;

/// <summary>The end-to-end scenarios: the real server process, spoken to as an editor does, timed at the client.</summary>
public sealed partial class EndToEndBench(BenchSetup setup)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Dictionary<int, Stat> _baselines = [];

    /// <summary>The baseline: one full Markdig parse (DeckPipeline.WithFrontMatter) of the same text, in this process.</summary>
    public Stat Baseline(int cards)
    {
        if (_baselines.TryGetValue(cards, out var known))
        {
            return known;
        }

        var text = setup.Deck(cards).Text;
        var runs = cards >= 50_000 ? setup.Samples(7, 3) : setup.Samples(21, 5);
        // Warm until the JIT has settled (tiered compilation), or small decks measure the JIT, not the parser.
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < 5 || warm.ElapsedMilliseconds < 1500; i++)
        {
            Markdown.Parse(text, DeckPipeline.WithFrontMatter);
        }

        var samples = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            Markdown.Parse(text, DeckPipeline.WithFrontMatter);
            samples.Add(Ticks.Ms(start, Stopwatch.GetTimestamp()));
        }

        return _baselines[cards] = Stat.Of(samples);
    }

    /// <summary>
    /// One character typed into the empty answer of the card nearest the middle, then deleted, alternately: each keystroke
    /// changes the diagnostics (DECK003 goes, then comes back), so each is published. Timed from the didChange written to
    /// its publication read, with the debounce at <paramref name="delayMs"/>.
    /// </summary>
    public async Task<(Stat Stat, bool Correct)> KeystrokeToDiagnostics(int cards, int samples, int delayMs = 0)
    {
        var (path, text) = setup.Deck(cards);
        var deck = new EditableDeck(path, text, setup.Verify);
        await using var server = await DeckServer.StartAsync(setup, delayMs);
        server.Open(deck.Uri, text);
        await server.Published(deck.Uri, 1).WaitAsync(Patience);
        var at = DeckGenerator.EmptyAnswerOffset(text);
        if (at < 0)
        {
            throw new InvalidOperationException($"the {cards}-card deck has no empty answer to type into");
        }

        var times = new List<double>();
        LspProcess.Received? last = null;
        var warmUp = Math.Min(20, samples);
        for (var i = 0; i < warmUp + samples; i++)
        {
            var (edit, version) = i % 2 == 0 ? deck.Edit(at, 0, "x") : deck.Edit(at, 1, "");
            var sent = server.Change(deck.Uri, version, edit);
            last = await server.Published(deck.Uri, version).WaitAsync(Patience);
            if (i >= warmUp)
            {
                times.Add(Ticks.Ms(sent, last.Timestamp));
            }
        }

        var correct = EditableDeck.Published(last!).SequenceEqual(deck.ExpectedDiagnostics());
        await server.ShutDown();
        return (Stat.Of(times), correct);
    }

    /// <summary>
    /// The keystroke of <see cref="KeystrokeToDiagnostics"/> followed at once by a hover on the edited line: timed from the
    /// didChange written to the hover's answer read (the default debounce, so the publication does not stand in the way).
    /// </summary>
    public async Task<Stat> KeystrokeToHover(int cards, int samples)
    {
        var (path, text) = setup.Deck(cards);
        var deck = new EditableDeck(path, text, setup.Verify);
        await using var server = await DeckServer.StartAsync(setup, delayMs: 150);
        server.Open(deck.Uri, text);
        await server.Published(deck.Uri, 1).WaitAsync(Patience);
        var at = DeckGenerator.EmptyAnswerOffset(text);
        var times = new List<double>();
        var warmUp = Math.Min(20, samples);
        for (var i = 0; i < warmUp + samples; i++)
        {
            var (edit, version) = i % 2 == 0 ? deck.Edit(at, 0, "x") : deck.Edit(at, 1, "");
            var sent = server.Change(deck.Uri, version, edit);
            var answer = await server.DocumentRequest("textDocument/hover", deck.Uri, out _,
                new JsonObject { ["position"] = new JsonObject { ["line"] = edit.Start.Line, ["character"] = 0 } }).WaitAsync(Patience);
            if (i >= warmUp)
            {
                times.Add(Ticks.Ms(sent, answer.Timestamp));
            }
        }

        await server.ShutDown();
        return Stat.Of(times);
    }

    /// <summary>
    /// A line "```" typed before a card in the middle of the deck: the fence swallows everything after it (the worst case
    /// for re-synchronising), then is deleted again. Every publication is checked against a full parse of the same text.
    /// </summary>
    public async Task<(Stat Open, Stat Close, bool Correct)> CodeFence(int cards, int pairs)
    {
        var (path, text) = setup.Deck(cards);
        var deck = new EditableDeck(path, text, verify: true);
        await using var server = await DeckServer.StartAsync(setup, delayMs: 0);
        server.Open(deck.Uri, text);
        await server.Published(deck.Uri, 1).WaitAsync(Patience);
        var at = text.IndexOf("\nQ: ", text.Length / 2, StringComparison.Ordinal) + 1;
        var opening = new List<double>();
        var closing = new List<double>();
        var correct = true;
        for (var i = 0; i < 2 * pairs; i++)
        {
            var (edit, version) = i % 2 == 0 ? deck.Edit(at, 0, "```\n") : deck.Edit(at, 4, "");
            var sent = server.Change(deck.Uri, version, edit);
            var published = await server.Published(deck.Uri, version).WaitAsync(Patience);
            (i % 2 == 0 ? opening : closing).Add(Ticks.Ms(sent, published.Timestamp));
            correct &= EditableDeck.Published(published).SequenceEqual(deck.ExpectedDiagnostics());
        }

        await server.ShutDown();
        return (Stat.Of(opening), Stat.Of(closing), correct && deck.Verified == 2 * pairs);
    }

    /// <summary>didOpen of the deck (a file of its own each time) → its diagnostics published, on a warm server.</summary>
    public async Task<(Stat Stat, bool Correct)> Open(int cards, int samples)
    {
        var (stat, correct, _) = await OpenPaired(cards, samples);
        return (stat, correct);
    }

    /// <summary><see cref="Open"/>, with each sample also divided by a Markdig parse timed just before it (<see cref="PairedBaseline"/>).</summary>
    public async Task<(Stat Stat, bool Correct, Stat Paired)> OpenPaired(int cards, int samples)
    {
        var paired = new List<double>();
        await using var server = await DeckServer.StartAsync(setup, delayMs: 0);
        var warm = setup.CopyOf(1000);
        server.Open(new Uri(warm).AbsoluteUri, File.ReadAllText(warm));
        await server.Published(new Uri(warm).AbsoluteUri, 1).WaitAsync(Patience);
        var times = new List<double>();
        var correct = true;
        for (var i = 0; i < samples; i++)
        {
            var path = setup.CopyOf(cards);
            var deck = new EditableDeck(path, File.ReadAllText(path), verify: false);
            var baseline = PairedBaseline(cards);
            var sent = server.Open(deck.Uri, deck.Text);
            var published = await server.Published(deck.Uri, 1).WaitAsync(Patience);
            times.Add(Ticks.Ms(sent, published.Timestamp));
            paired.Add(times[^1] / baseline);
            correct &= EditableDeck.Published(published).SequenceEqual(deck.ExpectedDiagnostics());
            server.Close(deck.Uri);

            // Closing stores the deck's cards in the background: let that finish before the next open is timed.
            await server.Process.Request("deck/dueCounts", new JsonObject()).WaitAsync(Patience);
            await Task.Delay(setup.Quick ? 200 : 500);
        }

        await server.ShutDown();
        return (Stat.Of(times), correct, Stat.Of(paired));
    }

    /// <summary>
    /// Requests on a settled snapshot, and a keystroke in the middle card's question followed by each request. The
    /// editor's screen is the 60 lines around that card: inlay hints are asked for it, and the code lenses on it are
    /// resolved as an editor does (<see cref="Answered"/>).
    /// </summary>
    public async Task<Dictionary<string, Stat>> Features(int cards, int samples)
    {
        var (path, text) = setup.Deck(cards);
        var deck = new EditableDeck(path, text, setup.Verify);
        await using var server = await DeckServer.StartAsync(setup, delayMs: 150);
        server.Open(deck.Uri, text);
        await server.Published(deck.Uri, 1).WaitAsync(Patience);
        var result = new Dictionary<string, Stat>();
        var at = text.IndexOf("\nQ: ", text.Length / 2, StringComparison.Ordinal) + 4;
        var middle = text.AsSpan(0, at).Count('\n');
        var screen = (First: Math.Max(0, middle - ScreenLines / 2), Last: middle + ScreenLines / 2 - 1);
        string[] methods = ["textDocument/codeLens", "textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/inlayHint"];

        // Every request a few times first, and a pause, so that no method is timed while the server still finishes
        // the open in the background (its collection, the JIT's second tier): the first method timed would pay for it.
        for (var i = 0; i < 5; i++)
        {
            foreach (var method in methods)
            {
                await Answered(server, method, deck.Uri, screen, since: null);
            }
        }

        await Task.Delay(setup.Quick ? 200 : 1000);
        foreach (var method in methods)
        {
            var (times, resolving) = (new List<double>(), new List<double>());
            for (var i = 0; i < samples + 3; i++)
            {
                var (ms, resolved) = await Answered(server, method, deck.Uri, screen, since: null);
                if (i >= 3)
                {
                    times.Add(ms);
                    resolving.Add(resolved);
                }
            }

            result[method] = Stat.Of(times);
            result["resolving of " + method] = Stat.Of(resolving);
        }

        foreach (var method in methods)
        {
            var times = new List<double>();
            for (var i = 0; i < samples + 4; i++)
            {
                var (edit, version) = i % 2 == 0 ? deck.Edit(at, 0, "x") : deck.Edit(at, 1, "");
                var sent = server.Change(deck.Uri, version, edit);
                var (ms, _) = await Answered(server, method, deck.Uri, screen, since: sent);
                if (i >= 4)
                {
                    times.Add(ms);
                }
            }

            result["keystroke → " + method] = Stat.Of(times);
        }

        await server.ShutDown();
        return result;
    }

    /// <summary>The lines an editor shows at once: what it asks inlay hints for and resolves code lenses of.</summary>
    public const int ScreenLines = 60;

    // Milliseconds from `since` (or from the request) to the answer read. For code lenses, what an editor pays to show
    // one screen of them: the lenses, plus the resolution of those on the screen that came without a command, all asked
    // at once as VS Code does; the client's reading of the lenses between the two is not counted.
    private static async Task<(double Total, double Resolving)> Answered(DeckServer server, string method, string uri, (int First, int Last) screen, long? since)
    {
        try
        {
            return await AnsweredOnce(server, method, uri, screen, since);
        }
        finally
        {
            // The bench's own garbage (megabytes of JSON nodes read from the answer) is collected here, outside the
            // timed part, not while the next answer is being read.
            GC.Collect();
        }
    }

    private static async Task<(double Total, double Resolving)> AnsweredOnce(DeckServer server, string method, string uri, (int First, int Last) screen, long? since)
    {
        var extra = method == "textDocument/inlayHint"
            ? new JsonObject
            {
                ["range"] = new JsonObject
                {
                    ["start"] = new JsonObject { ["line"] = screen.First, ["character"] = 0 },
                    ["end"] = new JsonObject { ["line"] = screen.Last + 1, ["character"] = 0 },
                },
            }
            : null;
        var response = await server.DocumentRequest(method, uri, out var sent, extra).WaitAsync(Patience);
        var ms = Ticks.Ms(since ?? sent, response.Timestamp);
        if (response.Message["result"] is not JsonArray answer)
        {
            throw new InvalidOperationException($"{method} was not answered with an array: {response.Message.ToJsonString()[..Math.Min(500, response.Message.ToJsonString().Length)]}");
        }

        if (method == "textDocument/inlayHint" && answer.Count == 0)
        {
            throw new InvalidOperationException("textDocument/inlayHint gave no hint for a screen with cards on it");
        }

        if (method != "textDocument/codeLens")
        {
            return (ms, 0);
        }

        var unresolved = answer.Select(l => l!.AsObject())
            .Where(l => l["command"] is null && l["range"]!["start"]!["line"]!.GetValue<int>() is var line && line >= screen.First && line <= screen.Last)
            .ToList();
        if (unresolved.Count == 0)
        {
            return (ms, 0);
        }

        var first = 0L;
        var requests = new List<Task<LspProcess.Received>>();
        foreach (var lens in unresolved)
        {
            requests.Add(server.Process.Request("codeLens/resolve", lens.DeepClone(), out var resolveSent));
            first = first == 0 ? resolveSent : first;
        }

        var resolved = await Task.WhenAll(requests).WaitAsync(Patience);
        if (resolved.FirstOrDefault(r => r.Message["result"]?["command"]?["title"] is null) is { } bad)
        {
            throw new InvalidOperationException($"codeLens/resolve gave no title: {bad.Message.ToJsonString()}");
        }

        var resolving = Ticks.Ms(first, resolved.Max(r => r.Timestamp));
        return (ms + resolving, resolving);
    }

    /// <summary>
    /// The deck open and edited as someone types: a character at a time at places spread over the deck, each followed by
    /// a hover (what an editor asks as the mouse rests). Resident set size after the first 100 edits and after all.
    /// </summary>
    public async Task<(long AfterHundred, long AfterAll, long Peak, int Edits)> Memory(int cards, int edits, string? serverBuild = null)
    {
        var (path, text) = setup.Deck(cards);
        var deck = new EditableDeck(path, text, setup.Verify);
        await using var server = await DeckServer.StartAsync(setup, delayMs: 150, server: serverBuild);
        server.Open(deck.Uri, text);
        await server.Published(deck.Uri, 1).WaitAsync(Patience);
        var random = new Random(5);
        var initialCards = deck.Document.Deck.Cards;
        var typed = new List<int>();
        long afterHundred = 0, peak = 0;
        for (var i = 1; i <= edits; i++)
        {
            // A place in a card's question as the deck was opened, moved by what was typed before it.
            var card = initialCards[random.Next(initialCards.Count)];
            var original = card.Question.Start + random.Next(Math.Max(1, card.Question.Length));
            var at = original + typed.Count(t => t <= original);
            typed.Add(original);
            var (edit, version) = deck.Edit(at, 0, ((char)('a' + random.Next(26))).ToString());
            server.Change(deck.Uri, version, edit);
            await server.DocumentRequest("textDocument/hover", deck.Uri, out _,
                new JsonObject { ["position"] = new JsonObject { ["line"] = edit.Start.Line, ["character"] = 0 } }).WaitAsync(Patience);
            if (i % 50 == 0)
            {
                peak = Math.Max(peak, server.Process.ResidentSetBytes());
            }

            if (i == 100)
            {
                await Task.Delay(300);
                afterHundred = server.Process.ResidentSetBytes();
            }
        }

        await Task.Delay(300);
        var afterAll = server.Process.ResidentSetBytes();
        await server.ShutDown();
        return (afterHundred, afterAll, Math.Max(peak, afterAll), edits);
    }

    /// <summary>Process spawn → initialize answered, for a .dll (with dotnet) or a native executable.</summary>
    public async Task<Stat> ColdStart(string serverBuild, int samples)
    {
        var times = new List<double>();
        for (var i = 0; i < samples + 1; i++)
        {
            await using var server = DeckServer.Spawn(setup, serverBuild, setup.TempFile("reviews.db"));
            var response = await server.InitializeAsync();
            if (i > 0)
            {
                times.Add(Ticks.Ms(server.Process.Started, response.Timestamp));
            }

            await server.ShutDown();
        }

        return Stat.Of(times);
    }

    /// <summary>initialized → the indexing's <c>$/progress</c> end, for a workspace of decks.</summary>
    public async Task<(Stat Stat, int Progress)> Workspace(int files, int cards, int samples, string? serverBuild = null)
    {
        var root = setup.Workspace(files, cards);
        var times = new List<double>();
        var progress = 0;
        for (var i = 0; i < samples; i++)
        {
            await using var server = DeckServer.Spawn(setup, serverBuild ?? setup.ServerDll, setup.TempFile("reviews.db"));
            await server.InitializeAsync(root);
            var sent = server.Initialized();
            var end = await server.ProgressEnd.WaitAsync(Patience);
            times.Add(Ticks.Ms(sent, end));
            progress = server.ProgressCount;
            await server.ShutDown();
        }

        return (Stat.Of(times), progress);
    }

    /// <summary>The workspace's baseline: a full Markdig parse of every file, one after the other, in this process.</summary>
    public Stat WorkspaceBaseline(int files, int cards, int samples)
    {
        var texts = Directory.EnumerateFiles(setup.Workspace(files, cards), "*.deck.md", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        var times = new List<double>();
        for (var i = 0; i < samples + 1; i++)
        {
            var start = Stopwatch.GetTimestamp();
            foreach (var text in texts)
            {
                Markdown.Parse(text, DeckPipeline.WithFrontMatter);
            }

            if (i > 0)
            {
                times.Add(Ticks.Ms(start, Stopwatch.GetTimestamp()));
            }
        }

        return Stat.Of(times);
    }
}

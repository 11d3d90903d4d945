using System.Text.Json;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Model;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Reviews;
using DeckLsp.Server.Interop;
using DeckLsp.Server.Tests.History;
using static DeckLsp.Server.Tests.Interop.InteropCli;

namespace DeckLsp.Server.Tests.Interop;

/// <summary>
/// `decklsp import` of an Anki package built here: notes become cards, media land beside the deck, and the revlog
/// becomes history the server finds (the same keys, states replayed), in both collection layouts.
/// </summary>
public sealed class ApkgImportTests : IDisposable
{
    private const long DeckId = 1700000000001;
    private const long SubdeckId = 1700000000002;
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3, 4];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Database => Path.Combine(_folder.Path, "reviews.db");

    private static AnkiPackageBuilder Package(int schema, int? scheduler = 2) => new AnkiPackageBuilder { SchemaVersion = schema, SchedulerVersion = scheduler }
        .Deck(DeckId, "Deep learning")
        .Deck(SubdeckId, "Deep learning::RNN")
        .Note(1, "f<5P@z8{Ve", AnkiPackageBuilder.BasicType, ["What is <b>BPTT</b>?", "Backpropagation through time<div>over the unrolled network</div>"], "rnn")
        .Card(11, 1, SubdeckId)
        .Note(2, "diagram-1", AnkiPackageBuilder.BasicType, ["Which diagram?", "<img src=\"rnn diagram.png\">"], "rnn")
        .Card(21, 2, DeckId)
        .Note(3, "cloze_3", AnkiPackageBuilder.ClozeType, ["{{c1::LSTMs::units}} add {{c2::gates}} and {{c1::cells}}", "From 1997"], "rnn")
        .Card(31, 3, SubdeckId, 0)
        .Card(32, 3, SubdeckId, 1)
        .Media("rnn diagram.png", Png)
        .Review(11, Start, ease: 3, type: 0)
        .Review(11, Start.AddMinutes(10), ease: 3, type: 0)
        .Review(11, Start.AddDays(1), ease: 4, type: 1)
        .Review(11, Start.AddDays(2), ease: 0, type: 4, interval: 9)
        .Review(31, Start.AddSeconds(5), ease: 1, type: 0)
        .Review(31, Start.AddMinutes(1), ease: 3, type: 0);

    public static TheoryData<int> Schemas => [11, 18];

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task Package_imports_its_notes_as_a_clean_deck(int schema)
    {
        var source = Path.Combine(_folder.Path, "deep.apkg");
        Package(schema).Write(source);
        var deckPath = Path.Combine(_folder.Path, "deep.deck.md");

        var (code, output, error) = await Run("import", source, "-o", deckPath, "--db", Database);

        Assert.True(code == 0, error);
        Assert.Contains("3 cards, 1 media file, 7 reviews of 3 cards", output);
        var document = DeckDocument.Parse(await File.ReadAllTextAsync(deckPath), deckPath);
        Assert.Equal("Deep learning", document.Deck.Title);
        Assert.Equal("anki-deck-1700000000001", document.Deck.Id);
        Assert.Equal(["rnn"], document.Deck.Tags);
        var cards = document.Deck.Cards.Select(c => (c.Kind, Side(document, c.Question), c.Answer is { } a ? Side(document, a) : null, c.Id)).ToList();
        Assert.Equal(
            [
                (CardKind.Basic, "Which diagram?", "![](<deep.media/rnn diagram.png>)", "diagram-1"),
                (CardKind.Basic, "What is **BPTT**?", "Backpropagation through time\\\nover the unrolled network", "anki-663c3550407a387b5665"),
                (CardKind.Cloze, "{{LSTMs::units}} add {{gates}} and {{cells}}", "From 1997", "cloze_3"),
            ],
            cards);
        Assert.Equal("RNN", document.Deck.Sections.Single().Title);
        var (checkCode, checkOutput, _) = await Run("check", deckPath);
        Assert.Equal(0, checkCode);
        Assert.EndsWith("1 deck, 3 cards: 0 errors, 0 warnings\n", checkOutput.ReplaceLineEndings("\n"));
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task Package_media_are_extracted_beside_the_deck(int schema)
    {
        var source = Path.Combine(_folder.Path, "deep.apkg");
        Package(schema).Write(source);

        var (code, _, error) = await Run("import", source, "--db", Database);

        Assert.True(code == 0, error);
        Assert.Equal(Png, await File.ReadAllBytesAsync(Path.Combine(_folder.Path, "deep.media", "rnn diagram.png")));
        Assert.Equal(["deep.apkg", "deep.deck.md", "deep.media", Path.Combine("deep.media", "rnn diagram.png")],
            FilesIn(_folder.Path).Where(f => !f.StartsWith("reviews.db", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task Package_history_is_stored_under_the_keys_the_server_reads(int schema)
    {
        var source = Path.Combine(_folder.Path, "deep.apkg");
        Package(schema).Write(source);
        var deckPath = Path.Combine(_folder.Path, "deep.deck.md");

        await Run("import", source, "-o", deckPath, "--db", Database);

        var history = HistoryProbe.Derive(HistoryProbe.DatabaseEvents(Database));
        const string Deck = "id:anki-deck-1700000000001";
        var key = HistoryProbe.Key(Deck, "anki-663c3550407a387b5665");
        var bptt = history.Card(key).Ratings;
        Assert.Equal([4, 4, 5], bptt.Select(r => r.Rating));
        Assert.Equal([Start, Start.AddMinutes(10), Start.AddDays(1)], bptt.Select(r => r.At));
        // Anki's c1 is two of our deletions (the first and the third); c2 was never reviewed.
        Assert.Equal([1, 4], history.Card(HistoryProbe.Key(Deck, "cloze_3#c1")).Ratings.Select(r => r.Rating));
        Assert.Equal([1, 4], history.Card(HistoryProbe.Key(Deck, "cloze_3#c3")).Ratings.Select(r => r.Rating));
        Assert.Empty(history.Card(HistoryProbe.Key(Deck, "cloze_3#c2")).Ratings);
        Assert.Empty(history.Card(HistoryProbe.Key(Deck, "diagram-1")).Ratings);

        var events = bptt.Select(r => new ReviewEvent(key.ToString(), r.Rating, r.At, r.DurationMs));
        Assert.Equal(HistoryProbe.Replay.Replay(key.ToString(), events), history.Card(key).State);
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task A_v1_collection_s_learning_answers_are_read_as_Anki_upgrades_them(int schema)
    {
        // No schedVer: the v1 scheduler, whose learning cards had three buttons, so its ease 3 is Easy.
        var source = Path.Combine(_folder.Path, "old.apkg");
        Package(schema, scheduler: null).Write(source);

        await Run("import", source, "-o", Path.Combine(_folder.Path, "old.deck.md"), "--db", Database);

        var history = HistoryProbe.Derive(HistoryProbe.DatabaseEvents(Database));
        var bptt = history.Card(HistoryProbe.Key("id:anki-deck-1700000000001", "anki-663c3550407a387b5665")).Ratings;
        Assert.Equal([5, 5, 5], bptt.Select(r => r.Rating));
    }

    [Fact]
    public async Task Stats_show_the_imported_schedule()
    {
        var source = Path.Combine(_folder.Path, "deep.apkg");
        Package(18).Write(source);
        var deckPath = Path.Combine(_folder.Path, "deep.deck.md");
        await Run("import", source, "-o", deckPath, "--db", Database);

        var (code, output, _) = await Run("stats", "--db", Database, "--json", deckPath);

        Assert.Equal(0, code);
        var deck = JsonDocument.Parse(output).RootElement.GetProperty("decks")[0];
        Assert.Equal(5, deck.GetProperty("cards").GetInt32());
        Assert.Equal(2, deck.GetProperty("new").GetInt32());
        Assert.Equal(7, deck.GetProperty("reviews").GetInt32());
        // Reviewed in March 2024, with intervals of days: all three are due by now.
        Assert.Equal(3, deck.GetProperty("due").GetInt32());
    }

    [Fact]
    public async Task Importing_the_same_package_again_adds_no_history()
    {
        var source = Path.Combine(_folder.Path, "deep.apkg");
        Package(11).Write(source);
        var deckPath = Path.Combine(_folder.Path, "deep.deck.md");
        await Run("import", source, "-o", deckPath, "--db", Database);

        var (code, output, error) = await Run("import", source, "-o", deckPath, "--db", Database, "--force");

        Assert.True(code == 0, error);
        Assert.Contains("0 reviews of 0 cards", output);
        Assert.Contains("(7 already there)", output);
        var history = HistoryProbe.Derive(HistoryProbe.DatabaseEvents(Database));
        Assert.Equal(3, history.Card(HistoryProbe.Key("id:anki-deck-1700000000001", "anki-663c3550407a387b5665")).Ratings.Count);
    }

    [Fact]
    public async Task Import_refuses_to_replace_a_deck_without_force()
    {
        var source = Path.Combine(_folder.Path, "deep.apkg");
        Package(11).Write(source);
        var deckPath = _folder.Write("deep.deck.md", "Q: mine\nA: keep\n");

        var (code, _, error) = await Run("import", source, "-o", deckPath, "--db", Database);

        Assert.Equal(2, code);
        Assert.Contains("already exists (use --force to replace it)", error);
        Assert.Equal("Q: mine\nA: keep\n", await File.ReadAllTextAsync(deckPath));
        Assert.False(File.Exists(Database));
    }

    private static string Side(DeckDocument document, Core.Text.TextSpan span) =>
        CardText.WithoutComments(document.Text.Substring(span.Start, span.Length)).Trim();
}

using DeckLsp.Core.Documents;
using DeckLsp.Core.Model;
using static DeckLsp.Server.Tests.Interop.InteropCli;

namespace DeckLsp.Server.Tests.Interop;

/// <summary>`decklsp export`: Anki text with stable GUIDs that imports back to the same cards, Quizlet TSV, and the FSRS optimizer's revlog.</summary>
public sealed class ExportTests : IDisposable
{
    private const string Deck = """
        ---
        title: Round trip
        tags: [rnn, exam]
        ---

        Q: What is **BPTT**? <!-- id: bptt -->

        A: Backpropagation *through* time, with `code` and a [link](https://example.com).

        # Gates

        Q: Name two gated variants.

        A:
        - LSTM
        - GRU

        ## Inside

        C: {{LSTMs::which units?}} add a cell state and three {{gates}}.

        A: Since 1997.

        Q: Line one\
        line two with $x^2$ math

        A: 1. Introduction
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Deck_exported_as_anki_text_imports_back_with_every_card()
    {
        var deckPath = _folder.Write("round.deck.md", Deck);
        var exported = Path.Combine(_folder.Path, "round.txt");

        var (exportCode, _, exportError) = await Run("export", deckPath, "--format", "anki-text", "-o", exported);
        var back = Path.Combine(_folder.Path, "back.deck.md");
        var (importCode, _, importError) = await Run("import", exported, "-o", back);

        Assert.True(exportCode == 0, exportError);
        Assert.True(importCode == 0, importError);
        var original = DeckDocument.Parse(Deck);
        var imported = DeckDocument.Parse(await File.ReadAllTextAsync(back));
        Assert.Empty(imported.Diagnostics);
        Assert.Equal(Cards(original), Cards(imported));
        Assert.Equal(original.Deck.Title, imported.Deck.Title);
        Assert.Equal(original.Deck.Tags, imported.Deck.Tags);
        Assert.Equal(original.Deck.Sections.Select(s => (s.Title, s.Level)), imported.Deck.Sections.Select(s => (s.Title, s.Level)));
    }

    [Fact]
    public async Task Anki_text_guids_are_ids_or_question_hashes_and_stay_the_same()
    {
        var deckPath = _folder.Write("round.deck.md", Deck);

        var first = (await Run("export", deckPath, "--format", "anki-text")).Out;
        var second = (await Run("export", deckPath, "--format", "anki-text")).Out;

        Assert.Equal(first, second);
        using var reader = CsvHelper.CsvReader.FromText(first, CsvHelper.CsvReaderOptions.Default with { Separator = '\t', HasHeader = false, CommentPrefix = '#' });
        var guids = new List<string>();
        while (reader.Read())
        {
            guids.Add(reader.GetString(0));
        }

        Assert.Equal(4, guids.Count);
        Assert.Equal("bptt", guids[0]);
        Assert.All(guids.Skip(1), g => Assert.Matches("^dq-[0-9a-f]{16}$", g));
        Assert.Equal(guids.Count, guids.Distinct().Count());
    }

    [Fact]
    public async Task Anki_text_guids_of_cards_without_ids_are_the_database_keys_when_it_knows_them()
    {
        var source = Path.Combine(_folder.Path, "deep.apkg");
        new AnkiPackageBuilder().Deck(5, "D").Note(1, "g1", AnkiPackageBuilder.BasicType, ["q", "a"]).Card(1, 1, 5).Write(source);
        var deckPath = Path.Combine(_folder.Path, "deep.deck.md");
        var database = Path.Combine(_folder.Path, "reviews.db");
        await Run("import", source, "-o", deckPath, "--db", database);
        // The author drops the id: the database still knows the card by its text, under its old key.
        await File.WriteAllTextAsync(deckPath, (await File.ReadAllTextAsync(deckPath)).Replace(" <!-- id: g1 -->", ""));

        var (code, output, _) = await Run("export", deckPath, "--format", "anki-text", "--db", database);

        Assert.Equal(0, code);
        Assert.StartsWith("g1\tBasic\tD\tq\ta\t", output.Split('\n')[6]);
    }

    [Fact]
    public async Task Revlog_export_has_the_optimizer_columns_with_grades_and_states_before()
    {
        var source = Path.Combine(_folder.Path, "deep.apkg");
        var start = new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);
        new AnkiPackageBuilder().Deck(5, "D").Note(1, "g1", AnkiPackageBuilder.BasicType, ["q", "a"]).Card(1, 1, 5)
            .Review(1, start, ease: 3, type: 0).Review(1, start.AddMinutes(10), ease: 3, type: 0).Review(1, start.AddDays(3), ease: 1, type: 1)
            .Write(source);
        var deckPath = Path.Combine(_folder.Path, "deep.deck.md");
        var database = Path.Combine(_folder.Path, "reviews.db");
        await Run("import", source, "-o", deckPath, "--db", database);

        var (code, output, error) = await Run("export", deckPath, "--format", "fsrs-revlog", "--db", database);

        Assert.True(code == 0, error);
        var ms = start.ToUnixTimeMilliseconds();
        Assert.Equal(
            [
                "card_id,review_time,review_rating,review_state,review_duration",
                $"id:anki-deck-5/g1,{ms},3,0,6000",
                $"id:anki-deck-5/g1,{ms + 600_000},3,1,6000",
                $"id:anki-deck-5/g1,{ms + 3 * 86_400_000},1,2,6000",
            ],
            output.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Tsv_export_is_question_tab_answer_and_imports_back()
    {
        var deckPath = _folder.Write("plain.deck.md", "---\ntitle: plain\n---\n\nQ: Capital of France? <!-- id: fr -->\n\nA: Paris\n\nQ: Two lines\n\nA: first\n\nsecond\n");
        var exported = Path.Combine(_folder.Path, "plain.tsv");

        var (code, _, _) = await Run("export", deckPath, "--format", "tsv", "-o", exported);
        await Run("import", exported, "-o", Path.Combine(_folder.Path, "back.deck.md"));

        Assert.Equal(0, code);
        Assert.Equal("Capital of France?\tParis\nTwo lines\t\"first\n\nsecond\"\n", await File.ReadAllTextAsync(exported));
        var back = DeckDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folder.Path, "back.deck.md")));
        Assert.Equal(Cards(DeckDocument.Parse(await File.ReadAllTextAsync(deckPath))).Select(c => (c.Question, c.Answer)),
            Cards(back).Select(c => (c.Question, c.Answer)));
    }

    [Fact]
    public async Task Tsv_export_neutralises_cards_that_a_spreadsheet_would_run_as_formulas()
    {
        var deckPath = _folder.Write("sheet.deck.md", "Q: =HYPERLINK(\"https://evil.example\",\"x\")\n\nA: - a list\n");

        var (code, output, _) = await Run("export", deckPath, "--format", "tsv");
        var (exactCode, exact, _) = await Run("export", deckPath, "--format", "tsv", "--keep-formulas");

        Assert.Equal(0, code);
        Assert.Equal("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\"\t\"'- a list\"\n", output);
        Assert.Equal(0, exactCode);
        Assert.Equal("\"=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\"\t- a list\n", exact);
    }

    [Fact]
    public async Task Anki_text_keeps_a_card_that_starts_like_a_formula_exactly()
    {
        var deckPath = _folder.Write("sheet.deck.md", "---\ntitle: D\n---\n\nQ: =1+1 <!-- id: f -->\n\nA: -2\n");

        var (code, output, _) = await Run("export", deckPath, "--format", "anki-text");

        Assert.Equal(0, code);
        Assert.StartsWith("f\tBasic\tD\t=1+1\t-2\t", output.Split('\n')[6]);
    }

    [Fact]
    public async Task Export_into_a_missing_folder_is_a_usage_error_and_writes_nothing()
    {
        var deckPath = _folder.Write("plain.deck.md", "Q: a\n\nA: b\n");

        var (code, _, error) = await Run("export", deckPath, "--format", "tsv", "-o", Path.Combine(_folder.Path, "missing", "out.tsv"));

        Assert.Equal(2, code);
        Assert.Contains("cannot write", error);
        Assert.Equal(["plain.deck.md"], FilesIn(_folder.Path));
    }

    public static TheoryData<string> Formats => new() { "anki-text", "tsv", "fsrs-revlog" };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Export_onto_its_own_deck_is_refused_and_leaves_the_deck_as_it_was(string format)
    {
        var deckPath = _folder.Write("plain.deck.md", "Q: a\n\nA: b\n");

        var (code, output, error) = await Run("export", deckPath, "--format", format, "-o", deckPath, "--db", Path.Combine(_folder.Path, "none.db"));

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains($"decklsp export: -o {deckPath} is one of the decks being exported", error);
        Assert.Contains("choose another output file", error);
        Assert.Equal("Q: a\n\nA: b\n", await File.ReadAllTextAsync(deckPath));
        Assert.Equal(["plain.deck.md"], FilesIn(_folder.Path));
    }

    [Fact]
    public async Task Export_onto_any_deck_of_a_folder_being_exported_is_refused_however_the_path_is_spelled()
    {
        _folder.Write("decks/a.deck.md", "Q: a\n\nA: b\n");
        _folder.Write("decks/b.deck.md", "Q: c\n\nA: d\n");
        var spelled = Path.Combine(_folder.Path, "decks", "..", "decks", "b.deck.md");

        var (code, _, error) = await Run("export", Path.Combine(_folder.Path, "decks"), "--format", "tsv", "-o", spelled);

        Assert.Equal(2, code);
        Assert.Contains("is one of the decks being exported", error);
        Assert.Equal("Q: c\n\nA: d\n", await File.ReadAllTextAsync(Path.Combine(_folder.Path, "decks", "b.deck.md")));
    }

    [Fact]
    public async Task Export_without_a_format_is_a_usage_error()
    {
        var deckPath = _folder.Write("plain.deck.md", "Q: a\n\nA: b\n");

        var (code, _, error) = await Run("export", deckPath);

        Assert.Equal(2, code);
        Assert.Contains("--format", error);
    }

    private static List<(CardKind Kind, string Question, string? Answer, string? Id)> Cards(DeckDocument document) =>
        document.Deck.Cards.Select(c => (c.Kind, Side(document, c.Question), c.Answer is { } a ? Side(document, a) : null, c.Id)).ToList();

    private static string Side(DeckDocument document, Core.Text.TextSpan span) =>
        CardText.WithoutComments(document.Text.Substring(span.Start, span.Length)).Trim();
}

using System.Text.Json;
using DeckLsp.Core.Documents;
using static DeckLsp.Server.Tests.Interop.InteropCli;

namespace DeckLsp.Server.Tests.Interop;

/// <summary>`decklsp import` of a plain-text export and of a CSV table, then `check` and `stats` on the deck it wrote.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_text_export_imports_as_the_nine_RNN_cards_and_checks_clean()
    {
        var seed = Path.Combine(TestPaths.RepositoryRoot, "tests/fixtures/interop/000_c95b0af93d31da7a.txt");
        var deckPath = Path.Combine(_folder.Path, "rnn.deck.md");

        var (code, output, error) = await Run("import", seed, "-o", deckPath, "--json");
        var (checkCode, checkOutput, _) = await Run("check", deckPath);

        Assert.True(code == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(deckPath, report.GetProperty("deck").GetString());
        Assert.Equal("RNN MLM Flashcards", report.GetProperty("title").GetString());
        Assert.Equal(9, report.GetProperty("cards").GetInt32());
        var deck = DeckDocument.Parse(await File.ReadAllTextAsync(deckPath));
        Assert.Equal(9, deck.Deck.Cards.Count);
        Assert.Equal(0, checkCode);
        Assert.Contains("1 deck, 9 cards: 0 errors", checkOutput);
    }

    [Fact]
    public async Task A_csv_table_imports_a_card_per_row_and_stats_counts_them_new()
    {
        var source = _folder.Write("terms.csv", "term,definition\nBPTT,\"Backpropagation through time, unrolled\"\nGRU,Gated recurrent unit\n");
        var deckPath = Path.Combine(_folder.Path, "terms.deck.md");
        var database = Path.Combine(_folder.Path, "reviews.db");

        var (code, _, error) = await Run("import", source, "-o", deckPath);
        var (statsCode, stats, statsError) = await Run("stats", "--db", database, "--json", deckPath);

        Assert.True(code == 0, error);
        var cards = DeckDocument.Parse(await File.ReadAllTextAsync(deckPath)).Deck.Cards;
        Assert.Equal(2, cards.Count);
        Assert.True(statsCode == 0, statsError);
        var row = JsonDocument.Parse(stats).RootElement.GetProperty("decks")[0];
        Assert.Equal(2, row.GetProperty("cards").GetInt32());
        Assert.Equal(2, row.GetProperty("new").GetInt32());
        Assert.Equal(0, row.GetProperty("reviews").GetInt32());
    }

    [Fact]
    public async Task Repeated_diagnostics_of_the_written_deck_are_one_note_each()
    {
        var source = _folder.Write("same.tsv", string.Concat(Enumerable.Range(1, 40).Select(i => $"Sort key?\tanswer {i}\n")));

        var (code, _, error) = await Run("import", source, "-o", Path.Combine(_folder.Path, "same.deck.md"));

        Assert.True(code == 0, error);
        var note = Assert.Single(error.Split('\n'), l => l.Contains("DECK006", StringComparison.Ordinal));
        Assert.Contains("DECK006 on 40 cards", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_writes_non_ascii_characters_as_they_are()
    {
        var source = _folder.Write("café.tsv", "thé\ttea\n");

        var (code, output, error) = await Run("import", source, "-o", Path.Combine(_folder.Path, "café.deck.md"), "--json");

        Assert.True(code == 0, error);
        Assert.Contains("café.deck.md", output, StringComparison.Ordinal);
        Assert.Equal("café", JsonDocument.Parse(output).RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_hashcards_deck_imports_with_its_root_images_linked_from_the_new_deck()
    {
        var fixture = Path.Combine(TestPaths.RepositoryRoot, "tests/fixtures/interop/hashcards-geography.md");
        var source = _folder.Write("collection/geo.md", await File.ReadAllTextAsync(fixture));
        _folder.Write("collection/img/fr-flag.png", "png");
        var deckPath = Path.Combine(_folder.Path, "decks", "geo.deck.md");
        Directory.CreateDirectory(Path.GetDirectoryName(deckPath)!);

        var (code, output, error) = await Run("import", source, "-o", deckPath, "--format", "hashcards");

        Assert.True(code == 0, error);
        Assert.Contains("3 cards", output, StringComparison.Ordinal);
        Assert.Contains("](../collection/img/fr-flag.png)", await File.ReadAllTextAsync(deckPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_obsidian_note_imports_with_its_schedules_in_the_history()
    {
        var fixture = Path.Combine(TestPaths.RepositoryRoot, "tests/fixtures/interop/obsidian-sr-biology.md");
        var source = _folder.Write("biology.md", await File.ReadAllTextAsync(fixture));
        var deckPath = Path.Combine(_folder.Path, "biology.deck.md");
        var database = Path.Combine(_folder.Path, "reviews.db");

        var (code, output, error) = await Run("import", source, "-o", deckPath, "--format", "obsidian-sr", "--db", database);
        var again = await Run("import", source, "-o", deckPath, "--format", "obsidian-sr", "--db", database, "--force");
        var (_, stats, _) = await Run("stats", "--db", database, "--json", deckPath);

        Assert.True(code == 0, error);
        Assert.Contains("5 cards, 5 reviews of 5 cards into", output, StringComparison.Ordinal);
        Assert.Contains("0 reviews of 0 cards", again.Out, StringComparison.Ordinal);
        var deck = JsonDocument.Parse(stats).RootElement.GetProperty("decks")[0];
        Assert.Equal(5, deck.GetProperty("reviews").GetInt32());
        // Studied as 8: three one-way cards, two reversible ones both ways, the cloze card's two deletions.
        Assert.Equal(8, deck.GetProperty("cards").GetInt32());
        Assert.Contains("\nR: Mitosis", await File.ReadAllTextAsync(deckPath), StringComparison.Ordinal);
    }
}

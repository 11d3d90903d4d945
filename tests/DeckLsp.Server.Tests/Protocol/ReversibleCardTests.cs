using System.Text.Json;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Tests.Cli;

namespace DeckLsp.Server.Tests.Protocol;

/// <summary>A reversible card (<c>R:</c>) over the protocol and the CLI: two directions, each studied and logged on its own.</summary>
public sealed class ReversibleCardTests : IDisposable
{
    private const string Deck = "---\ntitle: Words\nid: words\n---\n\nR: der Hund <!-- id: hund -->\nA: the dog\n\nQ: die Katze\nA: the cat\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Both_directions_are_studied_logged_counted_and_exported_apart()
    {
        var path = _folder.Write("words.deck.md", Deck);
        var uri = new Uri(path).AbsoluteUri;
        string database;
        var fronts = new List<string>();
        var backs = new List<string>();
        await using (var client = await LspTestClient.StartInitializedAsync())
        {
            database = client.DatabasePath;
            await client.OpenAsync(uri, Deck);
            var lenses = (await client.ResolvedLensesAsync<JsonElement>(uri))
                .Select(l => l.GetProperty("command").GetProperty("title").GetString()!).ToArray();
            Assert.Equal("Study deck (3 cards · 0 due · 3 new)", lenses[0]);

            var step = await client.RequestAsync<JsonElement>(Methods.StartReview, new { uri, scope = "deck" });
            Assert.Equal(3, step.GetProperty("progress").GetProperty("total").GetInt32());
            while (step.GetProperty("card").ValueKind != JsonValueKind.Null)
            {
                fronts.Add(step.GetProperty("card").GetProperty("frontHtml").GetString()!);
                backs.Add(step.GetProperty("card").GetProperty("backHtml").GetString()!);
                step = await client.RequestAsync<JsonElement>(Methods.Rate,
                    new { sessionId = step.GetProperty("sessionId").GetString(), rating = 5, durationMs = 1500 });
            }

            var hover = await client.RequestAsync<JsonElement>(Methods.Hover, new { textDocument = new { uri }, position = new { line = 5, character = 0 } });
            var hoverText = hover.GetProperty("contents").GetProperty("value").GetString()!;
            Assert.Contains("**Reversible card**", hoverText);
            Assert.Contains("Forward (question → answer): due in", hoverText);
            Assert.Contains("Reverse (answer → question): due in", hoverText);
            await client.ShutdownAndExitAsync();
        }

        Assert.Equal(["<p>der Hund </p>\n", "<p>die Katze</p>\n", "<p>the dog</p>\n"], fronts.Order(StringComparer.Ordinal));
        Assert.Contains("<p>the dog</p>\n<hr class=\"answer\" />\n<p>der Hund </p>\n", backs);

        var (statsCode, stats, statsError) = await CliRun.Run("stats", "--db", database, "--json", path);
        Assert.True(statsCode == 0, statsError);
        var deck = JsonDocument.Parse(stats).RootElement.GetProperty("decks")[0];
        Assert.Equal(3, deck.GetProperty("cards").GetInt32());
        Assert.Equal(3, deck.GetProperty("reviews").GetInt32());

        var (exportCode, revlog, exportError) = await CliRun.Run("export", path, "--format", "fsrs-revlog", "--db", database);
        Assert.True(exportCode == 0, exportError);
        var cards = revlog.TrimEnd('\n').Split('\n').Skip(1).Select(row => row.Split(',')[0]).ToList();
        Assert.Contains("id:words/hund", cards);
        Assert.Contains("id:words/hund#r", cards);
        Assert.Equal(3, cards.Count);
    }

    [Fact]
    public async Task Check_reports_a_reverse_that_asks_another_cards_question()
    {
        var path = _folder.Write("dup.deck.md", "R: der Hund\nA: the dog\n\nQ: The dog\nA: der Hund\n");

        var (code, output, _) = await CliRun.Run("check", path);

        Assert.Equal(0, code);
        Assert.Contains($"{path}:2:4: warning DECK022: The reverse of this card asks what another card already asks", output);
    }
}

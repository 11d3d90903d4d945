using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Interop;
using System.Text;

namespace DeckLsp.Server.Tests.Reviews;

/// <summary>The committed simulated review log (tests/fixtures/optimizer/simulated.csv) as rating events of one device.</summary>
internal static class FixtureRatings
{
    public static IReadOnlyList<RatingEvent> Simulated(string device)
    {
        var csv = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "tests", "fixtures", "optimizer", "simulated.csv"));
        var (rows, problem) = FsrsRevlogFormat.Read(csv);
        Assert.Null(problem);
        var sequence = 0;
        // The default rating scale: 1 again, 3 hard, 4 good, 5 easy.
        return [.. rows.OrderBy(r => r.ReviewedAt).Select(row => new RatingEvent(new(device, ++sequence), row.ReviewedAt,
            new ReviewKey(DeckKey.OfId("words"), new CardKey(row.CardId)), (int)row.Grade == 1 ? 1 : (int)row.Grade + 1, row.DurationMs))];
    }

    /// <summary>A deck repository in <paramref name="folder"/> whose history is the simulated log, as the device "fixture"'s log; the deck's path.</summary>
    public static string Repository(TempFolder folder, string deckText)
    {
        Directory.CreateDirectory(Path.Combine(folder.Path, ".decklsp"));
        var deck = folder.Write("decks/words.deck.md", deckText);
        var log = new StringBuilder(HistoryLine.Header + "\n");
        foreach (var rating in Simulated("fixture"))
        {
            log.Append(HistoryLine.Format(rating)).Append('\n');
        }

        folder.Write(".decklsp/history/fixture.log", log.ToString());
        return deck;
    }
}

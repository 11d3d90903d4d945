using System.Text.Json;
using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Scheduling;
using DeckLsp.Server.History;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;
using DeckLsp.Server.Tests.History;

namespace DeckLsp.Server.Tests.Protocol;

/// <summary>
/// Parameters accepted into a repository's history (a <c>p</c> line) schedule everything the editor shows: the
/// intervals beside the ratings, the retrievability in the hover and in the inlay hints, not only the replayed states.
/// </summary>
public sealed class FittedParametersTests : IDisposable
{
    private const string Deck = "---\nid: demo\n---\n\nQ: first <!-- id: one -->\nA: 1\n\nQ: second <!-- id: two -->\nA: 2\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // Far from the defaults where it shows: a short first stability for Easy (w3) and a steeper forgetting curve (w20).
    internal static double[] Fitted()
    {
        var weights = FsrsOptions.DefaultWeights.ToArray();
        weights[3] = 2;
        weights[20] = 0.6;
        return weights;
    }

    /// <summary>
    /// A database whose history rated card "one" of deck "demo" Easy ten days ago and then accepted <see cref="Fitted"/>,
    /// written by the history's own code (as <c>decklsp optimize --apply</c> would).
    /// </summary>
    internal static (string Database, DateTimeOffset RatedAt) SeededDatabase(TempFolder folder)
    {
        var path = System.IO.Path.Combine(folder.Path, "reviews.db");
        var ratedAt = DateTimeOffset.UtcNow.AddDays(-10);
        using var source = new DatabaseHistory(path, HistoryProbe.Replay, ReviewSettings.Default.Fingerprint(), "fixture");
        source.Load();
        source.Append([
            new RatingEvent(default, ratedAt, ReviewKey.Parse(DeckKey.OfId("demo"), "one"), 5, 4000),
            new ParametersEvent(default, ratedAt.AddSeconds(1), Fitted()),
        ]);
        return (path, ratedAt);
    }

    private async Task<(LspTestClient Client, string Uri, DateTimeOffset RatedAt)> Open()
    {
        var (database, ratedAt) = SeededDatabase(_folder);
        var uri = new Uri(_folder.Write("demo.deck.md", Deck)).AbsoluteUri;
        var client = await LspTestClient.StartInitializedAsync(options: new ServerOptions { DatabasePath = database, DiagnosticsDelay = TimeSpan.FromMilliseconds(50) });
        await client.OpenAsync(uri, Deck);
        return (client, uri, ratedAt);
    }

    [Fact]
    public async Task The_intervals_beside_the_ratings_come_from_the_fitted_parameters()
    {
        var (client, uri, _) = await Open();
        await using var _ = client;

        var step = await client.RequestAsync<JsonElement>(Methods.StartReview, new { uri, scope = "card", line = 7 });

        var shown = step.GetProperty("card").GetProperty("intervals").EnumerateArray().Select(i => i.GetString()!).ToList();
        var fitted = ReviewSettings.Default.Replay().WithWeights(Fitted()).IntervalLabels("two", null, DateTimeOffset.UtcNow);
        var defaults = ReviewSettings.Default.Replay().IntervalLabels("two", null, DateTimeOffset.UtcNow);
        Assert.NotEqual(defaults, fitted);
        Assert.Equal(fitted, shown);
    }

    [Fact]
    public async Task Hover_and_inlay_hints_give_the_retrievability_of_the_fitted_forgetting_curve()
    {
        var (client, uri, ratedAt) = await Open();
        await using var _ = client;

        var replay = ReviewSettings.Default.Replay().WithWeights(Fitted());
        var memory = replay.Apply("one", null, 5, ratedAt);
        var now = DateTimeOffset.UtcNow;
        var expected = replay.Scheduler.Retrievability(memory, now);
        Assert.NotEqual(Math.Round(100 * expected), Math.Round(100 * ReviewSettings.Default.Replay().Scheduler.Retrievability(memory, now)));

        // Hover waits for the history to load; what it then reads must be the loaded history (this failed once in CI
        // when the source said it was loaded a moment before it published what it had read).
        var hover = (await client.RequestAsync<JsonElement>(Methods.Hover, new { textDocument = new { uri }, position = new { line = 4, character = 1 } }))
            .GetProperty("contents").GetProperty("value").GetString()!;
        Assert.Contains($"retrievability {expected:P0}", hover, StringComparison.Ordinal);

        var hints = await client.RequestAsync<JsonElement[]>(Methods.InlayHint, new
        {
            textDocument = new { uri },
            range = new { start = new { line = 0, character = 0 }, end = new { line = 10, character = 0 } },
        });
        var label = hints.Select(h => h.GetProperty("label").GetString()).First(l => l!.Contains(" R ", StringComparison.Ordinal));
        Assert.EndsWith($"R {Math.Round(100 * expected, MidpointRounding.AwayFromZero):0}%", label, StringComparison.Ordinal);
    }
}

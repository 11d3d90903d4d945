using System.Diagnostics;
using DeckLsp.Bench.Report;
using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using DeckLsp.Server.History;
using DeckLsp.Server.Reviews;

namespace DeckLsp.Bench.History;

/// <summary>
/// Opening a deck repository's history (docs/history.md): logs of several devices holding many reviews, read with no
/// cache (a fresh clone), with the cache a previous run left, and after a pull that brought new lines. The baseline is
/// reading the logs' lines and nothing more, in the same run.
/// </summary>
public sealed class HistoryBench(BenchSetup setup)
{
    private static readonly DateTimeOffset Start = new(2025, 1, 6, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Figures for a repository holding <paramref name="reviews"/> ratings (20 per card, over three devices).</summary>
    public (Stat Cold, Stat Warm, Stat Pull, Stat Baseline, double FirstCold, int Events, long Bytes) Run(int reviews, int samples)
    {
        var root = Path.Combine(setup.Temp, $"history-{reviews}");
        var events = Write(root, reviews);
        var bytes = Directory.GetFiles(Path.Combine(root, ".decklsp", "history"), "*.log").Sum(f => new FileInfo(f).Length);
        var settings = ReviewSettings.Default;
        var replay = settings.Replay();
        var cold = new List<double>();
        var warm = new List<double>();
        var pull = new List<double>();
        var baseline = new List<double>();
        var first = double.NaN;
        for (var i = 0; i < samples; i++)
        {
            baseline.Add(Time(() =>
            {
                foreach (var log in Directory.GetFiles(Path.Combine(root, ".decklsp", "history"), "*.log"))
                {
                    _ = File.ReadAllLines(log).Length;
                }
            }));

            var cache = Path.Combine(setup.Temp, $"history-cache-{reviews}-{i}.db");
            var coldMs = Time(() => Open(root, cache, replay, settings).Dispose());
            if (i == 0)
            {
                // The first load of the process also compiles the code: what the very first open costs.
                first = coldMs;
                coldMs = Time(() => Open(root, cache + ".second", replay, settings).Dispose());
            }

            cold.Add(coldMs);
            warm.Add(Time(() => Open(root, cache, replay, settings).Dispose()));

            using var history = Open(root, cache, replay, settings);
            Append(root, "phone", 1_000, i);
            pull.Add(Time(() => history.Refresh()));
            if (history.Current.EventCount != events + 1_000 * (i + 1))
            {
                throw new InvalidOperationException($"The history read {history.Current.EventCount} events, not {events + 1_000 * (i + 1)}.");
            }
        }

        return (Stat.Of(cold), Stat.Of(warm), Stat.Of(pull), Stat.Of(baseline), first, events, bytes);
    }

    private static RepositoryHistory Open(string root, string cache, Core.Reviews.ReviewReplay replay, ReviewSettings settings)
    {
        var history = new RepositoryHistory(new DeckRepository(root), cache, replay, settings.Fingerprint(), "bench");
        history.Load();
        return history;
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalMilliseconds;
    }

    // 20 ratings a card, a card's ratings spread over three devices, each card recorded once (what a key identifies).
    private static int Write(string root, int reviews)
    {
        var cards = reviews / 20;
        var deck = new DeckKey("p0123456789");
        var random = new Random(7);
        var devices = new[] { "laptop", "desktop", "tablet" };
        var drafts = devices.ToDictionary(d => d, _ => new List<HistoryEvent>());
        for (var card = 0; card < cards; card++)
        {
            var key = new CardKey($"~{card:x12}");
            drafts[devices[card % 3]].Add(new CardSeenEvent(default, Start, deck, key, (ulong)card, (ulong)card * 7));
            var at = Start.AddMinutes(card);
            for (var review = 0; review < 20; review++)
            {
                at = at.AddHours(random.Next(1, 24 * 20));
                drafts[devices[(card + review) % 3]].Add(new RatingEvent(default, at, new ReviewKey(deck, key), random.Next(1, 6), 4000));
            }
        }

        var total = 0;
        foreach (var (device, events) in drafts)
        {
            var log = new DeviceLog(Path.Combine(root, ".decklsp", "history", device + ".log"), device);
            foreach (var chunk in events.OrderBy(e => e.At).Chunk(5_000))
            {
                total += log.Append(chunk).Count;
            }
        }

        return total;
    }

    private static void Append(string root, string device, int count, int round)
    {
        var deck = new DeckKey("p0123456789");
        var drafts = Enumerable.Range(0, count)
            .Select(i => (HistoryEvent)new RatingEvent(default, Start.AddDays(400 + round).AddSeconds(i), new ReviewKey(deck, new CardKey($"~{i:x12}")), 4, 3000))
            .ToList();
        new DeviceLog(Path.Combine(root, ".decklsp", "history", device + ".log"), device).Append(drafts);
    }
}

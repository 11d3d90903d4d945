using DeckLsp.Core.History;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DeckLsp.Core.Tests.History;

/// <summary>
/// What makes the history safe to merge with git: the events of several devices, taken in in any order and any
/// interleaving of pulls (each device's log read in pieces, as a pull brings what was appended since), derive the
/// same state for every card as taking them all in at once.
/// </summary>
public class HistoryMergeProperties
{
    private static readonly string[] Cards = ["~a", "~b", "~c", "bptt"];

    /// <summary>
    /// One step of one device: a rating (possibly cram), an undo of its last rating, a key move, a card seen, or a rating
    /// with the day the load balancer chose for it (which a pull may bring apart from its rating).
    /// </summary>
    public sealed record Step(int Device, int Kind, int Card, int Rating, int Minutes);

    public sealed record Scenario(int Devices, Step[] Steps, int Seed)
    {
        public override string ToString() => $"{Devices} devices, seed {Seed}: {string.Join(", ", Steps.Select(s => s.ToString()))}";
    }

    public static Arbitrary<Scenario> Scenarios() =>
        (from devices in Gen.Choose(1, 4)
         from steps in (from device in Gen.Choose(0, devices - 1)
                        from kind in Gen.Frequency((12, Gen.Constant(0)), (2, Gen.Constant(1)), (2, Gen.Constant(2)), (1, Gen.Constant(3)), (1, Gen.Constant(4)), (3, Gen.Constant(5)))
                        from card in Gen.Choose(0, Cards.Length - 1)
                        from rating in Gen.Choose(1, 5)
                        from minutes in Gen.Frequency((3, Gen.Choose(0, 30)), (2, Gen.Choose(60, 3 * 24 * 60)), (1, Gen.Constant(0)))
                        select new Step(device, kind, card, rating, minutes)).ArrayOf().Select(s => s.Take(60).ToArray())
         from seed in Gen.Choose(0, int.MaxValue - 1)
         select new Scenario(devices, steps, seed)).ToArbitrary();

    /// <summary>Each device's log, in the order it wrote it; every device keeps its own clock, so times interleave.</summary>
    private static List<HistoryEvent>[] Logs(Scenario scenario)
    {
        var writers = Enumerable.Range(0, scenario.Devices).Select(d => new HistoryEvents($"device-{d}")).ToArray();
        var logs = writers.Select(_ => new List<HistoryEvent>()).ToArray();
        var clocks = new double[scenario.Devices];
        foreach (var step in scenario.Steps)
        {
            var writer = writers[step.Device];
            var log = logs[step.Device];
            var at = clocks[step.Device] += step.Minutes / 60.0;
            var card = Cards[step.Card];
            if (step.Kind == 5)
            {
                var rating = writer.Rate(card, step.Rating, at);
                log.Add(rating);
                log.Add(writer.Balanced(rating, 2 + (step.Minutes % 15)));
                continue;
            }

            log.Add(step.Kind switch
            {
                1 when log.OfType<RatingEvent>().LastOrDefault() is { } last => writer.Undo(last, at),
                2 => writer.Rate(card, step.Rating, at, cram: true),
                3 => writer.Move(card, Cards[(step.Card + 1) % Cards.Length], at),
                4 => writer.Seen(card, $"question {step.Rating}", "answer", at),
                _ => writer.Rate(card, step.Rating, at),
            });
        }

        return logs;
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(HistoryMergeProperties)])]
    public Property Any_interleaving_of_pulls_derives_the_same_states(Scenario scenario)
    {
        var logs = Logs(scenario);
        var whole = ReviewHistory.Build(HistoryEvents.Replay, logs.SelectMany(l => l));

        // Pulls: each takes a piece from the front of some device's unread log; devices are read in a random order.
        var random = new Random(scenario.Seed);
        var read = new int[logs.Length];
        var pieces = ReviewHistory.Empty(HistoryEvents.Replay);
        while (read.Where((r, d) => r < logs[d].Count).Any())
        {
            var device = Enumerable.Range(0, logs.Length).Where(d => read[d] < logs[d].Count).OrderBy(_ => random.Next()).First();
            var take = random.Next(1, logs[device].Count - read[device] + 1);
            // A pull may also bring what was already read (a log read again from its start): it must add nothing.
            var from = random.Next(4) == 0 ? 0 : read[device];
            pieces = pieces.With(logs[device].Skip(from).Take(read[device] - from + take)).History;
            read[device] += take;
        }

        return (Describe(whole) == Describe(pieces)).Label($"whole:\n{Describe(whole)}\npieces:\n{Describe(pieces)}");
    }

    private static string Describe(ReviewHistory history) => string.Join("\n", history.Cards
        .OrderBy(pair => pair.Key.ToString(), StringComparer.Ordinal)
        .Select(pair => $"{pair.Key}: {pair.Value.State} [{string.Join(" ", pair.Value.Ratings.Select(r => r.Id))}] first {pair.Value.FirstReview:O}")
        .Concat(history.Decks.OrderBy(d => d.Value, StringComparer.Ordinal).Select(deck => $"{deck}: rated {string.Join(" ", history.IdentityOf(deck).RatedCards.Select(c => c.Value).Order(StringComparer.Ordinal))} " +
            $"seen {string.Join(" ", history.IdentityOf(deck).Seen.OrderBy(s => s.Key.Value).Select(s => $"{s.Key}={s.Value.Id}"))}")));
}

namespace DeckLsp.Core.History;

/// <summary>
/// The one order every machine replays events in: time, then device (ordinal), then sequence. It depends on nothing
/// but the events, so any merge of the same logs, in any order, replays the same way.
/// </summary>
public sealed class HistoryOrder : IComparer<HistoryEvent>
{
    public static HistoryOrder Instance { get; } = new();

    public int Compare(HistoryEvent? x, HistoryEvent? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var byTime = x.At.UtcTicks.CompareTo(y.At.UtcTicks);
        if (byTime != 0)
        {
            return byTime;
        }

        var byDevice = string.CompareOrdinal(x.Id.Device, y.Id.Device);
        return byDevice != 0 ? byDevice : x.Id.Sequence.CompareTo(y.Id.Sequence);
    }
}

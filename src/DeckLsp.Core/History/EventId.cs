namespace DeckLsp.Core.History;

/// <summary>
/// Names one event of the history: the device that wrote it and its place in that device's log (1, 2, 3…). Two
/// events with one id are the same event, however often a merge or a re-read brings it in.
/// </summary>
public readonly record struct EventId(string Device, long Sequence)
{
    public override string ToString() => $"{Device}#{Sequence}";
}

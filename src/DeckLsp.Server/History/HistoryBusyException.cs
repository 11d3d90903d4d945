namespace DeckLsp.Server.History;

/// <summary>
/// The history (a database, or a device's log) stayed locked by another DeckLsp window or program for longer than the
/// retry budget; nothing was written.
/// </summary>
internal sealed class HistoryBusyException : Exception
{
    public HistoryBusyException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

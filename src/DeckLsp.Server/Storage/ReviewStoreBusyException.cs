namespace DeckLsp.Server.Storage;

/// <summary>The review database stayed locked by another connection for longer than the retry budget; nothing was written.</summary>
internal sealed class ReviewStoreBusyException : Exception
{
    public ReviewStoreBusyException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

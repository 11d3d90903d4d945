namespace DeckLsp.Server.Transport;

/// <summary>What the transport does with one message it read.</summary>
internal abstract record Verdict
{
    /// <summary>A well-formed message: StreamJsonRpc reads it and dispatches it.</summary>
    public sealed record Accept(WireId? Id, string? Method) : Verdict;

    /// <summary>A message that cannot be served: answered with this error, never seen by StreamJsonRpc.</summary>
    public sealed record Answer(WireReply Reply, string Problem, string? Method) : Verdict;

    /// <summary>A notification that cannot be served: JSON-RPC forbids answering one, so it is reported instead.</summary>
    public sealed record Drop(string Problem, string? Method) : Verdict;

    /// <summary>The client's answer to one of the server's requests, unreadable: that request fails.</summary>
    public sealed record FailCall(WireId Id, string Problem) : Verdict;
}

namespace DeckLsp.Server.Transport;

/// <summary>A message the transport did not pass on: what was wrong, its method if known, and whether the client was answered.</summary>
internal sealed record Refusal(string Problem, string? Method, bool Answered);

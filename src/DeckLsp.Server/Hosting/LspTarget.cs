using StreamJsonRpc;

namespace DeckLsp.Server.Hosting;

/// <summary>A handler and its generated metadata, added to the connection as one JSON-RPC target.</summary>
internal sealed record LspTarget(RpcTargetMetadata Metadata, object Handler);

namespace DeckLsp.Server.Handlers;

/// <summary>Marks a class whose <c>[JsonRpcMethod]</c> methods serve LSP; each is registered in DI and added as an RPC target.</summary>
internal interface ILspHandler;

// LSP's Range, not System.Range: the tests speak the protocol.
global using Range = DeckLsp.Server.Protocol.Range;

using System.Text;

namespace DeckLsp.Server.Tests.Protocol;

/// <summary>
/// Messages a well-behaved client never sends, each with the answer JSON-RPC 2.0 prescribes: the seed corpus of the
/// protocol tests and of the fuzz property. <see cref="Code"/> is the error expected; <see cref="Id"/> the id it carries
/// (null: <c>"id": null</c>); <see cref="Answered"/> false for a notification, which gets no answer.
/// </summary>
public sealed record ProtocolSeed(string Name, byte[] Bytes, int Code, long? Id, bool Answered = true, bool Batch = false, bool Framing = false)
{
    public override string ToString() => Name;
}

internal static class ProtocolSeeds
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int InvalidParams = -32602;

    public static IReadOnlyList<ProtocolSeed> All { get; } =
    [
        Framed("invalid JSON", """{"jsonrpc":"2.0","id":""", ParseError, null),
        Framed("text that is not JSON", "hello", ParseError, null),
        Framed("JSON with text after it", """{"jsonrpc":"2.0","id":40,"method":"shutdown"}{}""", ParseError, null),
        Framed("an empty body", "", ParseError, null),
        new("bytes that are not UTF-8", RawLspClient.Frame([.. "{\"jsonrpc\":\"2.0\",\"id\":39,\"method\":\"x"u8, 0xC3, 0x28, .. "\"}"u8]), ParseError, null),
        Framed("a batch", """[{"jsonrpc":"2.0","id":41,"method":"shutdown"},{"jsonrpc":"2.0","method":"exit"}]""", InvalidRequest, 41, Batch: true),
        Framed("an empty batch", "[]", InvalidRequest, null),
        Framed("a bare number", "42", InvalidRequest, null),
        Framed("a bare string", "\"textDocument/hover\"", InvalidRequest, null),
        Framed("null", "null", InvalidRequest, null),
        Framed("params that are a number", """{"jsonrpc":"2.0","id":42,"method":"textDocument/hover","params":5}""", InvalidParams, 42),
        Framed("params that are a string", """{"jsonrpc":"2.0","id":51,"method":"textDocument/hover","params":"x"}""", InvalidParams, 51),
        Framed("a fractional id", """{"jsonrpc":"2.0","id":1.5,"method":"textDocument/hover","params":{}}""", InvalidRequest, null),
        Framed("an id past 64 bits", """{"jsonrpc":"2.0","id":99999999999999999999,"method":"textDocument/hover","params":{}}""", InvalidRequest, null),
        Framed("an object id", """{"jsonrpc":"2.0","id":{"a":1},"method":"textDocument/hover","params":{}}""", InvalidRequest, null),
        Framed("an array id", """{"jsonrpc":"2.0","id":[1],"method":"textDocument/hover","params":{}}""", InvalidRequest, null),
        Framed("a boolean id", """{"jsonrpc":"2.0","id":true,"method":"textDocument/hover","params":{}}""", InvalidRequest, null),
        Framed("an id that is a lone surrogate", """{"jsonrpc":"2.0","id":"\ud800","method":"textDocument/hover","params":{}}""", InvalidRequest, null),
        Framed("two ids", """{"jsonrpc":"2.0","id":46,"id":47,"method":"textDocument/hover","params":{}}""", InvalidRequest, null),
        Framed("params nested 10,000 deep", "{\"jsonrpc\":\"2.0\",\"id\":43,\"method\":\"textDocument/hover\",\"params\":{\"a\":"
            + new string('[', 10_000) + new string(']', 10_000) + "}}", InvalidParams, 43),
        Framed("no jsonrpc version", """{"id":44,"method":"textDocument/hover","params":{}}""", InvalidRequest, 44),
        Framed("version 1.0", """{"jsonrpc":"1.0","id":48,"method":"textDocument/hover","params":{}}""", InvalidRequest, 48),
        Framed("a method that is a number", """{"jsonrpc":"2.0","id":45,"method":7}""", InvalidRequest, 45),
        Framed("no method, result or error", """{"jsonrpc":"2.0","id":49}""", InvalidRequest, 49),
        Framed("a notification with params that are a string", """{"jsonrpc":"2.0","method":"textDocument/didChange","params":"x"}""", 0, null, Answered: false),
        Framed("a notification nested 10,000 deep", "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":"
            + new string('[', 10_000) + new string(']', 10_000) + "}", 0, null, Answered: false),
        Raw("a header without Content-Length", "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}", ParseError, null),
        Raw("a Content-Length that is not a number", "Content-Length: ten\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":50}", ParseError, null),
        Raw("a negative Content-Length", "Content-Length: -5\r\n\r\n{}", ParseError, null),
        Raw("a header line without a colon", "Content-Length 5\r\n\r\nhello", ParseError, null),
        Raw("bytes before a header", "}}garbage", ParseError, null),
    ];

    private static ProtocolSeed Framed(string name, string body, int code, long? id, bool Answered = true, bool Batch = false) =>
        new(name, RawLspClient.Frame(body), code, id, Answered, Batch);

    private static ProtocolSeed Raw(string name, string bytes, int code, long? id) => new(name, Encoding.UTF8.GetBytes(bytes), code, id, Framing: true);
}

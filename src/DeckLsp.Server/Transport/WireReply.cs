using System.Buffers;
using System.Text.Json;
using StreamJsonRpc.Protocol;

namespace DeckLsp.Server.Transport;

/// <summary>
/// An answer the transport writes itself, before StreamJsonRpc sees the message it answers: JSON-RPC error objects
/// (or an array of them, for a batch) built with <see cref="Utf8JsonWriter"/>, so that <c>"id": null</c> and an id
/// spelled as the client spelled it go out exactly.
/// </summary>
internal sealed class WireReply : JsonRpcMessage
{
    private WireReply(byte[] body) => Body = body;

    public byte[] Body { get; }

    /// <summary>One error; <paramref name="id"/> null where the message's id could not be read.</summary>
    public static WireReply Error(WireId? id, int code, string message) => Write(writer => WriteError(writer, id, code, message));

    /// <summary>The answer to a batch: one error per member that is owed an answer.</summary>
    public static WireReply Errors(IReadOnlyList<(WireId? Id, int Code, string Message)> errors) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var (id, code, message) in errors)
        {
            WriteError(writer, id, code, message);
        }

        writer.WriteEndArray();
    });

    private static WireReply Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return new WireReply(buffer.WrittenSpan.ToArray());
    }

    private static void WriteError(Utf8JsonWriter writer, WireId? id, int code, string message)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WritePropertyName("id");
        if (id is { } known)
        {
            known.Write(writer);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteStartObject("error");
        writer.WriteNumber("code", code);
        writer.WriteString("message", message);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}

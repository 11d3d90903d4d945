using System.Text.Json;
using StreamJsonRpc;

namespace DeckLsp.Server.Transport;

/// <summary>A request id as a message spelled it: an integer or a string, echoed back exactly in its answer.</summary>
internal readonly record struct WireId
{
    private readonly long _number;
    private readonly string? _text;

    private WireId(long number, string? text)
    {
        _number = number;
        _text = text;
    }

    public static WireId Of(long number) => new(number, null);

    public static WireId Of(string text) => new(0, text);

    public RequestId ToRequestId() => _text is null ? new RequestId(_number) : new RequestId(_text);

    public void Write(Utf8JsonWriter writer)
    {
        if (_text is null)
        {
            writer.WriteNumberValue(_number);
        }
        else
        {
            writer.WriteStringValue(_text);
        }
    }

    public override string ToString() => _text is null ? _number.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"\"{_text}\"";
}

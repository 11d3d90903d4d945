using System.Buffers.Text;
using System.Text.Json;

namespace DeckLsp.Server.Transport;

/// <summary>
/// Reads a message too large to keep as its bytes are skipped, for what its answer needs: whether it is an object, its
/// id and whether it has a method. Keeps a few hundred bytes whatever the message's size, so a two-gigabyte string costs
/// no memory; it does not check the JSON, which is not going to be read.
/// </summary>
internal sealed class MessageSkimmer
{
    private const int MaxCapture = 1024;

    private readonly byte[] _capture = new byte[MaxCapture];
    private int _captured;
    private bool _overflow;

    private bool _started;
    private int _depth;
    private bool _inString;
    private bool _escaped;
    private Role _string;
    private bool _awaitingKey;
    private bool _awaitingValue;
    private Key _key;
    private bool _inScalar;

    private enum Role
    {
        None,
        Key,
        Id,
        Method,
    }

    private enum Key
    {
        Other,
        Id,
        Method,
    }

    /// <summary>Whether the message is a JSON object (as far as it was read).</summary>
    public bool IsObject { get; private set; }

    public bool HasId { get; private set; }

    /// <summary>The id, once read whole, when it is an integer or a string.</summary>
    public WireId? Id { get; private set; }

    public bool HasMethod { get; private set; }

    /// <summary>The method's name, once read, if it was not too long to keep.</summary>
    public string? Method { get; private set; }

    /// <summary>A request: it has an id to answer and a method.</summary>
    public bool IsRequest => HasMethod && Id is not null;

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            if (_inString)
            {
                i += InString(bytes[i..]);
                continue;
            }

            var b = bytes[i++];
            if (!_started)
            {
                if (!IsWhiteSpace(b))
                {
                    _started = true;
                    IsObject = b == (byte)'{';
                    _depth = 1;
                    _awaitingKey = IsObject;
                    _inString = b == (byte)'"';
                }

                continue;
            }

            switch (b)
            {
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                    EndScalar();
                    break;
                case (byte)'"':
                    _inString = true;
                    _string = Top && _awaitingKey ? Role.Key
                        : Top && _awaitingValue ? _key switch { Key.Id => Role.Id, Key.Method => Role.Method, _ => Role.None }
                        : Role.None;
                    _awaitingKey = false;
                    _awaitingValue = false;
                    _captured = 0;
                    _overflow = false;
                    break;
                case (byte)'{' or (byte)'[':
                    if (Top && _awaitingValue && _key == Key.Id)
                    {
                        HasId = true;
                    }

                    _awaitingValue = false;
                    _depth++;
                    break;
                case (byte)'}' or (byte)']':
                    EndScalar();
                    _depth--;
                    break;
                case (byte)':':
                    _awaitingValue = Top;
                    break;
                case (byte)',':
                    EndScalar();
                    _awaitingKey = Top && IsObject;
                    break;
                default:
                    if (Top && _awaitingValue)
                    {
                        _awaitingValue = false;
                        _inScalar = true;
                        _captured = 0;
                        _overflow = false;
                    }

                    if (_inScalar)
                    {
                        Capture([b]);
                    }

                    break;
            }
        }
    }

    private bool Top => _depth == 1;

    // Inside a string: everything up to its closing quote, found fast; escapes are kept for the end to read.
    private int InString(ReadOnlySpan<byte> bytes)
    {
        if (_escaped)
        {
            _escaped = false;
            Capture(bytes[..1]);
            return 1;
        }

        var stop = bytes.IndexOfAny((byte)'"', (byte)'\\');
        if (stop < 0)
        {
            Capture(bytes);
            return bytes.Length;
        }

        Capture(bytes[..stop]);
        if (bytes[stop] == (byte)'\\')
        {
            _escaped = true;
            Capture(bytes.Slice(stop, 1));
            return stop + 1;
        }

        _inString = false;
        EndString();
        return stop + 1;
    }

    private void EndString()
    {
        var text = _overflow ? null : Unescape(_capture.AsSpan(0, _captured));
        switch (_string)
        {
            case Role.Key:
                _key = text switch { "id" => Key.Id, "method" => Key.Method, _ => Key.Other };
                HasMethod |= _key == Key.Method;
                break;
            case Role.Id:
                HasId = true;
                Id ??= text is null ? null : WireId.Of(text);
                break;
            case Role.Method:
                Method ??= text;
                break;
        }

        _string = Role.None;
    }

    private void EndScalar()
    {
        if (!_inScalar)
        {
            return;
        }

        _inScalar = false;
        if (_key != Key.Id)
        {
            return;
        }

        HasId = true;
        var text = _capture.AsSpan(0, _captured);
        if (!_overflow && Utf8Parser.TryParse(text, out long number, out var consumed) && consumed == text.Length)
        {
            Id ??= WireId.Of(number);
        }
    }

    private void Capture(ReadOnlySpan<byte> bytes)
    {
        if (_string == Role.None && !_inScalar)
        {
            return;
        }

        if (_captured + bytes.Length > MaxCapture)
        {
            _overflow = true;
            return;
        }

        bytes.CopyTo(_capture.AsSpan(_captured));
        _captured += bytes.Length;
    }

    private static string? Unescape(ReadOnlySpan<byte> content)
    {
        var quoted = new byte[content.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        content.CopyTo(quoted.AsSpan(1));
        try
        {
            var reader = new Utf8JsonReader(quoted);
            reader.Read();
            return reader.GetString();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static bool IsWhiteSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}

using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using DeckLsp.Server.Protocol;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace DeckLsp.Server.Transport;

/// <summary>
/// LSP's header-delimited framing, with JSON-RPC 2.0's rules applied before StreamJsonRpc reads a message. StreamJsonRpc
/// ends the connection on any message it cannot read; here each bad message is answered (or, for a notification,
/// reported) and skipped, and the next one is read:
/// <list type="bullet">
/// <item>a header without a usable Content-Length: parse error, then the input is read from the next <c>Content-Length:</c>;</item>
/// <item>a body over <see cref="TransportLimits.MaxMessageBytes"/>: skipped as it arrives, never held, answered as soon as its id is read;</item>
/// <item>a body that is not a JSON-RPC message (<see cref="MessageCheck"/>): answered with the error JSON-RPC prescribes.</item>
/// </list>
/// </summary>
internal sealed class LspMessageHandler(Stream output, Stream input, IJsonRpcMessageFormatter formatter, TransportLimits limits)
    : HeaderDelimitedMessageHandler(output, input, formatter)
{
    private static readonly byte[] ContentLength = "Content-Length:"u8.ToArray();

    /// <summary>Raised for each message that was answered by the transport or dropped, on the reading thread.</summary>
    public event Action<Refusal>? Refused;

    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var (header, ended) = await ReadHeaderAsync(cancellationToken);
            if (ended)
            {
                return null;
            }

            if (header.Problem is { } problem)
            {
                var text = $"The message header cannot be read: {problem}. The input was skipped to the next Content-Length header.";
                await AnswerAsync(WireReply.Error(null, LspErrorCodes.ParseError, text), text, null, cancellationToken);
                if (!await SkipToNextHeaderAsync(cancellationToken))
                {
                    return null;
                }

                continue;
            }

            if (header.ContentLength > limits.MaxMessageBytes)
            {
                var (read, failedCall) = await SkipOversizedAsync(header.ContentLength, cancellationToken);
                if (!read || failedCall is not null)
                {
                    return failedCall;
                }

                continue;
            }

            if (await ReadBodyAsync((int)header.ContentLength, cancellationToken) is not { } body)
            {
                return null;
            }

            if (await DecideAsync(body, cancellationToken) is { } message)
            {
                return message;
            }
        }
    }

    protected override void Write(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        if (content is not WireReply reply)
        {
            base.Write(content, cancellationToken);
            return;
        }

        var writer = Writer!;
        writer.Write(Encoding.ASCII.GetBytes($"Content-Length: {reply.Body.Length.ToString(CultureInfo.InvariantCulture)}\r\n\r\n"));
        writer.Write(reply.Body);
    }

    // The message StreamJsonRpc should read, or null when the transport dealt with it.
    private async ValueTask<JsonRpcMessage?> DecideAsync(byte[] body, CancellationToken cancellationToken)
    {
        var verdict = MessageCheck.Inspect(body, limits.MaxNesting);
        if (verdict is Verdict.Accept accepted)
        {
            try
            {
                return Formatter.Deserialize(new ReadOnlySequence<byte>(body));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // MessageCheck lets through only what the formatter reads; should it still fail, that message alone fails.
                var problem = $"The message cannot be read ({e.Message.TrimEnd('.')}).";
                verdict = accepted switch
                {
                    { Method: null, Id: { } id } => new Verdict.FailCall(id, problem),
                    { Method: { } method, Id: null } => new Verdict.Drop(problem, method),
                    _ => new Verdict.Answer(WireReply.Error(accepted.Id, LspErrorCodes.InvalidRequest, problem), problem, accepted.Method),
                };
            }
        }

        switch (verdict)
        {
            case Verdict.Answer answer:
                await AnswerAsync(answer.Reply, answer.Problem, answer.Method, cancellationToken);
                return null;
            case Verdict.Drop drop:
                Refused?.Invoke(new Refusal(drop.Problem, drop.Method, Answered: false));
                return null;
            case Verdict.FailCall fail:
                return FailedCall(fail.Id, fail.Problem);
            default:
                return null;
        }
    }

    private async ValueTask AnswerAsync(WireReply reply, string problem, string? method, CancellationToken cancellationToken)
    {
        await WriteAsync(reply, cancellationToken);
        Refused?.Invoke(new Refusal(problem, method, Answered: true));
    }

    // The client answered one of our requests with something unreadable: that request fails with the reason.
    private JsonRpcMessage? FailedCall(WireId id, string problem)
    {
        Refused?.Invoke(new Refusal(problem, null, Answered: false));
        if (Formatter is not IJsonRpcMessageFactory factory)
        {
            return null;
        }

        var error = factory.CreateErrorMessage();
        error.RequestId = id.ToRequestId();
        error.Error = new JsonRpcError.ErrorDetail { Code = JsonRpcErrorCode.InvalidRequest, Message = problem };
        return error;
    }

    private async ValueTask<(FrameHeader Header, bool Ended)> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        var reader = Reader!;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var sequence = new SequenceReader<byte>(buffer);
            if (sequence.TryReadTo(out ReadOnlySequence<byte> block, FrameHeader.Terminator) && block.Length <= FrameHeader.MaxBytes)
            {
                var header = FrameHeader.Parse(block);
                // A bad header is left in place: the search for the next one starts inside it.
                reader.AdvanceTo(header.Problem is null ? sequence.Position : buffer.Start);
                return (header, false);
            }

            if (buffer.Length > FrameHeader.MaxBytes + FrameHeader.Terminator.Length)
            {
                reader.AdvanceTo(buffer.Start);
                return (new FrameHeader(0, $"no blank line ends it within {FrameHeader.MaxBytes} bytes"), false);
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                reader.AdvanceTo(buffer.End);
                cancellationToken.ThrowIfCancellationRequested();
                return (default, true);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    // After a header that could not be read: on to the next "Content-Length:" (any case) after its first byte.
    private async ValueTask<bool> SkipToNextHeaderAsync(CancellationToken cancellationToken)
    {
        var reader = Reader!;
        var skipFirst = true;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (FindContentLength(buffer, skipFirst, out var keepFrom) is { } found)
            {
                reader.AdvanceTo(found);
                return true;
            }

            skipFirst &= buffer.Length == 0;
            if (result.IsCompleted || result.IsCanceled)
            {
                reader.AdvanceTo(buffer.End);
                cancellationToken.ThrowIfCancellationRequested();
                return false;
            }

            reader.AdvanceTo(keepFrom, buffer.End);
        }
    }

    // Where "Content-Length:" starts, or null with where to keep reading from (a name cut by the end of the buffer).
    private static SequencePosition? FindContentLength(ReadOnlySequence<byte> buffer, bool skipFirst, out SequencePosition keepFrom)
    {
        var sequence = new SequenceReader<byte>(buffer);
        if (skipFirst && sequence.Remaining > 0)
        {
            sequence.Advance(1);
        }

        Span<byte> candidate = stackalloc byte[ContentLength.Length];
        keepFrom = buffer.End;
        while (sequence.TryAdvanceToAny("Cc"u8, advancePastDelimiter: false))
        {
            if (!sequence.TryCopyTo(candidate))
            {
                keepFrom = sequence.Position;
                return null;
            }

            if (Ascii.EqualsIgnoreCase(candidate, ContentLength))
            {
                return sequence.Position;
            }

            sequence.Advance(1);
        }

        return null;
    }

    private async ValueTask<byte[]?> ReadBodyAsync(int length, CancellationToken cancellationToken)
    {
        if (length == 0)
        {
            return [];
        }

        ReadResult result;
        try
        {
            result = await ReadAtLeastAsync(length, allowEmpty: false, cancellationToken);
        }
        catch (EndOfStreamException)
        {
            return null;
        }

        var slice = result.Buffer.Slice(0, length);
        var body = slice.ToArray();
        Reader!.AdvanceTo(slice.End);
        return body;
    }

    // Skips the body as it arrives, reading just enough of it to answer: a request is answered as soon as its id and
    // method are seen. Returns false when the input ended first; a failed call when it was the client's response.
    private async ValueTask<(bool Read, JsonRpcMessage? FailedCall)> SkipOversizedAsync(long length, CancellationToken cancellationToken)
    {
        var reader = Reader!;
        var skim = new MessageSkimmer();
        var problem = string.Create(CultureInfo.InvariantCulture,
            $"The message is {length:N0} bytes; the server reads messages of at most {limits.MaxMessageBytes:N0} bytes (--max-message-mb raises the limit). It was skipped unread.");
        var answered = false;
        var remaining = length;
        while (remaining > 0)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var taken = result.Buffer.Slice(0, Math.Min(result.Buffer.Length, remaining));
            foreach (var segment in taken)
            {
                skim.Feed(segment.Span);
            }

            remaining -= taken.Length;
            reader.AdvanceTo(taken.End);
            if (!answered && skim.IsRequest)
            {
                answered = true;
                await AnswerAsync(WireReply.Error(skim.Id, LspErrorCodes.InvalidRequest, $"{skim.Method}: {problem}"), problem, skim.Method, cancellationToken);
            }

            if (remaining > 0 && (result.IsCompleted || result.IsCanceled))
            {
                cancellationToken.ThrowIfCancellationRequested();
                return (false, null);
            }
        }

        if (answered)
        {
            return (true, null);
        }

        if (skim is { IsObject: true, HasMethod: false, Id: { } id })
        {
            return (true, FailedCall(id, problem));
        }

        if (skim is { IsObject: true, HasMethod: true, HasId: false })
        {
            Refused?.Invoke(new Refusal(problem, skim.Method, Answered: false));
            return (true, null);
        }

        await AnswerAsync(WireReply.Error(null, LspErrorCodes.InvalidRequest, problem), problem, skim.Method, cancellationToken);
        return (true, null);
    }
}

using System.Text.Json;
using System.Text.Unicode;
using DeckLsp.Server.Protocol;

namespace DeckLsp.Server.Transport;

/// <summary>
/// Reads a message body the way JSON-RPC 2.0 defines one, before StreamJsonRpc does, and says what to do with it:
/// invalid JSON is a parse error (-32700); anything but a request, notification or response object is an invalid
/// request (-32600); a request whose params are not an object or an array, or nest deeper than the limit, gets invalid
/// params (-32602). An id that cannot be echoed (a fraction, an object…) is answered with <c>"id": null</c>. One pass
/// of <see cref="Utf8JsonReader"/> over the body, without recursion, so nesting of any depth costs no stack.
/// </summary>
internal static class MessageCheck
{
    private static readonly JsonReaderOptions Reading = new() { MaxDepth = int.MaxValue };

    public static Verdict Inspect(ReadOnlySpan<byte> body, int maxNesting)
    {
        if (FirstInvalidUtf8(body) is { } at)
        {
            return ParseError($"The message is not valid UTF-8 (byte {at}).");
        }

        var reader = new Utf8JsonReader(body, Reading);
        try
        {
            reader.Read();
            Verdict verdict = reader.TokenType switch
            {
                JsonTokenType.StartObject => Classify(Members.Read(ref reader), maxNesting),
                JsonTokenType.StartArray => Batch(ref reader),
                _ => Invalid(null, $"A message must be a JSON object; this one is {Describe(reader.TokenType)}."),
            };

            // The reader refuses anything after the first value (or a value left open) only when asked for more.
            while (reader.Read())
            {
            }

            return verdict;
        }
        catch (JsonException e)
        {
            return ParseError($"The message is not valid JSON ({Position(e)}).");
        }
    }

    private static Verdict Classify(Members members, int maxNesting)
    {
        if (members.Duplicate is { } duplicate)
        {
            return Invalid(null, $"The member `{duplicate}` appears twice.");
        }

        if (members.IdProblem is { } idProblem)
        {
            return Invalid(null, idProblem);
        }

        var id = members.Id;
        if (!members.HasMethod && !members.HasResult && !members.HasError)
        {
            return Invalid(id, "The message has no `method` (a request or notification) and no `result` or `error` (a response).");
        }

        if (!members.IsVersion2)
        {
            return members is { HasMethod: false, Id: { } responseId }
                ? new Verdict.FailCall(responseId, "The client's response does not say `\"jsonrpc\": \"2.0\"`.")
                : Invalid(id, "The message does not say `\"jsonrpc\": \"2.0\"`.", members.Method);
        }

        if (members.HasMethod)
        {
            if (members.Method is not { } method)
            {
                return Invalid(id, "The member `method` must be a string of text.");
            }

            string? problem = null;
            if (members.Params is not (null or JsonTokenType.Null or JsonTokenType.StartObject or JsonTokenType.StartArray))
            {
                problem = $"`params` must be an object or an array, not {Describe(members.Params.Value)}.";
            }
            else if (members.Nesting > maxNesting)
            {
                problem = $"The message nests objects and arrays {members.Nesting} deep; the server reads at most {maxNesting} levels.";
            }

            if (problem is null)
            {
                return new Verdict.Accept(id, method);
            }

            return id is null
                ? new Verdict.Drop(problem, method)
                : new Verdict.Answer(WireReply.Error(id, LspErrorCodes.InvalidParams, $"{method}: {problem}"), problem, method);
        }

        if (id is not { } answered)
        {
            return new Verdict.Drop("A response without an id answers none of the server's requests.", null);
        }

        var responseProblem = members switch
        {
            { HasResult: true, HasError: true } => "The client's response has both `result` and `error`.",
            { HasError: true, ErrorIsWellFormed: false } => "The client's error response needs an `error` object with an integer `code` and a string `message`.",
            _ when members.Nesting > maxNesting => $"The client's response nests {members.Nesting} deep; the server reads at most {maxNesting} levels.",
            _ => null,
        };
        return responseProblem is null ? new Verdict.Accept(answered, null) : new Verdict.FailCall(answered, responseProblem);
    }

    // LSP sends no batches, so the server does not run them: each member that is owed an answer gets an error, in one
    // array as JSON-RPC answers a batch. Notifications in it are not run, and not answered.
    private static Verdict Batch(ref Utf8JsonReader reader)
    {
        const string problem = "Batches are not supported: send each message in its own Content-Length frame.";
        var errors = new List<(WireId? Id, int Code, string Message)>();
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            count++;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Members.SkipValue(ref reader);
                errors.Add((null, LspErrorCodes.InvalidRequest, "A batch member must be a JSON object."));
                continue;
            }

            var member = Members.Read(ref reader);
            var isNotification = member is { HasMethod: true, HasId: false, Duplicate: null };
            if (!isNotification)
            {
                errors.Add((member.IdProblem is null && member.Duplicate is null ? member.Id : null, LspErrorCodes.InvalidRequest, problem));
            }
        }

        // As JSON-RPC says: an empty batch is one invalid request; a batch of notifications only gets no answer.
        return count == 0 ? Invalid(null, "The message is an empty batch.")
            : errors.Count == 0 ? new Verdict.Drop(problem, null)
            : new Verdict.Answer(WireReply.Errors(errors), problem, null);
    }

    private static Verdict.Answer ParseError(string problem) =>
        new(WireReply.Error(null, LspErrorCodes.ParseError, problem), problem, null);

    private static Verdict.Answer Invalid(WireId? id, string problem, string? method = null) =>
        new(WireReply.Error(id, LspErrorCodes.InvalidRequest, problem), problem, method);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        _ => token.ToString(),
    };

    private static string Position(JsonException e) =>
        e.BytePositionInLine is { } column ? $"line {e.LineNumber + 1}, byte {column + 1}" : "at the end";

    private static long? FirstInvalidUtf8(ReadOnlySpan<byte> body)
    {
        if (Utf8.IsValid(body))
        {
            return null;
        }

        Span<char> scratch = stackalloc char[512];
        long offset = 0;
        while (true)
        {
            var status = Utf8.ToUtf16(body, scratch, out var read, out _, replaceInvalidSequences: false);
            offset += read;
            body = body[read..];
            if (status != System.Buffers.OperationStatus.DestinationTooSmall)
            {
                return offset;
            }
        }
    }

    /// <summary>The top-level members of one message object, read in one pass, and how deep it nests.</summary>
    private sealed class Members
    {
        public bool HasId { get; private set; }

        public WireId? Id { get; private set; }

        /// <summary>Why the id, present, cannot be echoed.</summary>
        public string? IdProblem { get; private set; }

        public bool IsVersion2 { get; private set; }

        public bool HasMethod { get; private set; }

        /// <summary>The method's name; null when it is not a string.</summary>
        public string? Method { get; private set; }

        public JsonTokenType? Params { get; private set; }

        public bool HasResult { get; private set; }

        public bool HasError { get; private set; }

        public bool ErrorIsWellFormed { get; private set; }

        public string? Duplicate { get; private set; }

        /// <summary>Objects and arrays inside each other, the message's own object counted: <c>{"params":{}}</c> is 2.</summary>
        public int Nesting { get; private set; }

        /// <summary>Reads from the message's <c>{</c> through its <c>}</c>.</summary>
        public static Members Read(ref Utf8JsonReader reader)
        {
            var members = new Members { Nesting = reader.CurrentDepth + 1 };
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = Known(ref reader);
                reader.Read();
                if (name is not null && !seen.Add(name))
                {
                    members.Duplicate ??= name;
                }

                switch (name)
                {
                    case "jsonrpc":
                        members.IsVersion2 = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("2.0"u8);
                        break;
                    case "id":
                        members.ReadId(ref reader);
                        break;
                    case "method":
                        members.HasMethod = true;
                        members.Method = reader.TokenType == JsonTokenType.String && TryGetString(ref reader) is { } method ? method : null;
                        break;
                    case "params":
                        members.Params = reader.TokenType;
                        break;
                    case "result":
                        members.HasResult = true;
                        break;
                    case "error":
                        members.HasError = true;
                        members.ErrorIsWellFormed = reader.TokenType == JsonTokenType.StartObject && IsErrorObject(reader);
                        break;
                }

                members.Nesting = Math.Max(members.Nesting, SkipValue(ref reader));
            }

            return members;
        }

        /// <summary>Moves past the value the reader is on; returns how deep it nests (0 for a scalar).</summary>
        public static int SkipValue(ref Utf8JsonReader reader)
        {
            if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
            {
                return 0;
            }

            var start = reader.CurrentDepth;
            var deepest = start + 1;
            while (reader.Read() && reader.CurrentDepth > start)
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    deepest = Math.Max(deepest, reader.CurrentDepth + 1);
                }
            }

            return deepest;
        }

        private void ReadId(ref Utf8JsonReader reader)
        {
            HasId = true;
            switch (reader.TokenType)
            {
                case JsonTokenType.Number when reader.TryGetInt64(out var number):
                    Id = WireId.Of(number);
                    break;
                case JsonTokenType.String when TryGetString(ref reader) is { } text:
                    Id = WireId.Of(text);
                    break;
                case JsonTokenType.String:
                    IdProblem = "The id is a string that is not text (it holds a lone UTF-16 surrogate).";
                    break;
                case JsonTokenType.Number:
                    IdProblem = "The id must be an integer or a string; it is a number with a fraction or out of range.";
                    break;
                default:
                    IdProblem = $"The id must be an integer or a string; it is {Describe(reader.TokenType)}.";
                    break;
            }
        }

        // A copy of the reader looks into the error object; the caller's reader then skips it whole.
        private static bool IsErrorObject(Utf8JsonReader reader)
        {
            bool code = false, message = false;
            var depth = reader.CurrentDepth;
            while (reader.Read() && reader.CurrentDepth > depth)
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != depth + 1)
                {
                    continue;
                }

                var isCode = reader.ValueTextEquals("code"u8);
                var isMessage = reader.ValueTextEquals("message"u8);
                reader.Read();
                code |= isCode && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out _);
                message |= isMessage && reader.TokenType == JsonTokenType.String;
                SkipValue(ref reader);
            }

            return code && message;
        }

        private static string? Known(ref Utf8JsonReader reader)
        {
            foreach (var name in (ReadOnlySpan<string>)["jsonrpc", "id", "method", "params", "result", "error"])
            {
                if (reader.ValueTextEquals(name))
                {
                    return name;
                }
            }

            return null;
        }

        // "\ud800" is valid JSON but no string: such a method or id is as unreadable as a missing one.
        private static string? TryGetString(ref Utf8JsonReader reader)
        {
            try
            {
                return reader.GetString();
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }
}

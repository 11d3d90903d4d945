using System.Text.Json.Serialization;

namespace DeckLsp.Server.Protocol;

/// <summary>The <c>window/logMessage</c> notification.</summary>
internal sealed record LogMessageParams
{
    [JsonPropertyName("type")]
    public required int Type { get; init; }

    [JsonPropertyName("message")]
    public required string Message { get; init; }
}

/// <summary>The LSP MessageType values.</summary>
internal static class MessageType
{
    public const int Error = 1;
    public const int Warning = 2;
    public const int Info = 3;
    public const int Log = 4;
}

/// <summary>The <c>window/workDoneProgress/create</c> params.</summary>
internal sealed record WorkDoneProgressCreateParams
{
    [JsonPropertyName("token")]
    public required string Token { get; init; }
}

/// <summary>The <c>$/progress</c> notification for work-done progress.</summary>
internal sealed record ProgressParams
{
    [JsonPropertyName("token")]
    public required string Token { get; init; }

    [JsonPropertyName("value")]
    public required WorkDoneProgress Value { get; init; }
}

/// <summary>One step of work-done progress: "begin", "report" or "end".</summary>
internal sealed record WorkDoneProgress
{
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("title")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; init; }

    [JsonPropertyName("message")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Message { get; init; }

    [JsonPropertyName("percentage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Percentage { get; init; }
}

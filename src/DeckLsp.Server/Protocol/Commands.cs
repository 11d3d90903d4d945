using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeckLsp.Server.Protocol;

/// <summary>The commands the server runs itself, when the client does not (<c>executeCommandProvider</c>).</summary>
internal sealed record ExecuteCommandOptions
{
    [JsonPropertyName("commands")]
    public required IReadOnlyList<string> Commands { get; init; }
}

/// <summary><c>workspace/executeCommand</c>.</summary>
internal sealed record ExecuteCommandParams
{
    [JsonPropertyName("command")]
    public required string Command { get; init; }

    [JsonPropertyName("arguments")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<JsonElement>? Arguments { get; init; }
}

/// <summary><c>window/showMessageRequest</c>: a message with actions; the client answers the one chosen, or null.</summary>
internal sealed record ShowMessageRequestParams
{
    /// <summary>1 error, 2 warning, 3 info, 4 log.</summary>
    [JsonPropertyName("type")]
    public required int Type { get; init; }

    [JsonPropertyName("message")]
    public required string Message { get; init; }

    [JsonPropertyName("actions")]
    public required IReadOnlyList<MessageActionItem> Actions { get; init; }
}

/// <summary>One action of a <c>window/showMessageRequest</c>.</summary>
internal sealed record MessageActionItem
{
    [JsonPropertyName("title")]
    public required string Title { get; init; }
}

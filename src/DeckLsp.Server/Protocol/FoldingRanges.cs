using System.Text.Json.Serialization;

namespace DeckLsp.Server.Protocol;

/// <summary>Lines the editor can fold, both inclusive.</summary>
internal sealed record FoldingRange
{
    [JsonPropertyName("startLine")]
    public required int StartLine { get; init; }

    [JsonPropertyName("endLine")]
    public required int EndLine { get; init; }

    [JsonPropertyName("kind")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Kind { get; init; }
}

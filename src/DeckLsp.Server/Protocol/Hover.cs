using System.Text.Json.Serialization;

namespace DeckLsp.Server.Protocol;

/// <summary>The <c>textDocument/hover</c> params.</summary>
internal sealed record HoverParams : TextDocumentPositionParams;

/// <summary>What to show when hovering.</summary>
internal sealed record Hover
{
    [JsonPropertyName("contents")]
    public required MarkupContent Contents { get; init; }

    [JsonPropertyName("range")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Range? Range { get; init; }
}

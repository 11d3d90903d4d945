using System.Text.Json.Serialization;

namespace DeckLsp.Server.Protocol;

/// <summary><c>textDocument/inlayHint</c>: the hints of a range of a document.</summary>
internal sealed record InlayHintParams
{
    [JsonPropertyName("textDocument")]
    public required TextDocumentIdentifier TextDocument { get; init; }

    [JsonPropertyName("range")]
    public required Range Range { get; init; }
}

/// <summary>A short text shown inline, after a position (here: when a card is due, and how well it is remembered).</summary>
internal sealed record InlayHint
{
    [JsonPropertyName("position")]
    public required Position Position { get; init; }

    [JsonPropertyName("label")]
    public required string Label { get; init; }

    [JsonPropertyName("tooltip")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Tooltip { get; init; }

    [JsonPropertyName("paddingLeft")]
    public bool PaddingLeft { get; init; }
}

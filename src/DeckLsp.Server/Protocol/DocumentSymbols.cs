using System.Text.Json.Serialization;

namespace DeckLsp.Server.Protocol;

/// <summary>A node of the document outline.</summary>
internal sealed record DocumentSymbol
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("detail")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; init; }

    [JsonPropertyName("kind")]
    public required int Kind { get; init; }

    [JsonPropertyName("range")]
    public required Range Range { get; init; }

    [JsonPropertyName("selectionRange")]
    public required Range SelectionRange { get; init; }

    [JsonPropertyName("children")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DocumentSymbol[]? Children { get; init; }
}

/// <summary>The LSP SymbolKind values the server uses.</summary>
internal static class SymbolKind
{
    public const int Module = 2;
    public const int Namespace = 3;
    public const int Key = 20;
}

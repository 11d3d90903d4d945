using System.Text.Json.Serialization;

namespace DeckLsp.Server.Protocol;

/// <summary>Options of the completion provider.</summary>
internal sealed record CompletionOptions
{
    [JsonPropertyName("triggerCharacters")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string[]? TriggerCharacters { get; init; }

    [JsonPropertyName("resolveProvider")]
    public bool ResolveProvider { get; init; }
}

/// <summary>The <c>textDocument/completion</c> params.</summary>
internal sealed record CompletionParams : TextDocumentPositionParams;

/// <summary>The completion answer.</summary>
internal sealed record CompletionList
{
    [JsonPropertyName("isIncomplete")]
    public bool IsIncomplete { get; init; }

    [JsonPropertyName("items")]
    public required CompletionItem[] Items { get; init; }
}

/// <summary>One proposal.</summary>
internal sealed record CompletionItem
{
    [JsonPropertyName("label")]
    public required string Label { get; init; }

    [JsonPropertyName("kind")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Kind { get; init; }

    [JsonPropertyName("detail")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; init; }

    [JsonPropertyName("documentation")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MarkupContent? Documentation { get; init; }

    [JsonPropertyName("insertTextFormat")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? InsertTextFormat { get; init; }

    [JsonPropertyName("textEdit")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TextEdit? TextEdit { get; init; }

    [JsonPropertyName("filterText")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FilterText { get; init; }

    [JsonPropertyName("sortText")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SortText { get; init; }
}

/// <summary>The LSP CompletionItemKind values the server uses.</summary>
internal static class CompletionItemKind
{
    public const int Value = 12;
    public const int Keyword = 14;
    public const int Snippet = 15;
}

/// <summary>The LSP InsertTextFormat values.</summary>
internal static class InsertTextFormat
{
    public const int PlainText = 1;
    public const int Snippet = 2;
}

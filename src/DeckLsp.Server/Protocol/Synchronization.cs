using System.Text.Json.Serialization;

namespace DeckLsp.Server.Protocol;

/// <summary>The <c>textDocument/didOpen</c> notification.</summary>
internal sealed record DidOpenTextDocumentParams
{
    [JsonPropertyName("textDocument")]
    public required TextDocumentItem TextDocument { get; init; }
}

/// <summary>The <c>textDocument/didChange</c> notification: changes to apply in order.</summary>
internal sealed record DidChangeTextDocumentParams
{
    [JsonPropertyName("textDocument")]
    public required VersionedTextDocumentIdentifier TextDocument { get; init; }

    [JsonPropertyName("contentChanges")]
    public required TextDocumentContentChangeEvent[] ContentChanges { get; init; }
}

/// <summary>One change: replace <see cref="Range"/> (relative to the text after the previous change), or the whole text when it has none.</summary>
internal sealed record TextDocumentContentChangeEvent
{
    [JsonPropertyName("range")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Range? Range { get; init; }

    [JsonPropertyName("text")]
    [JsonConverter(typeof(EditorTextConverter))]
    public required string Text { get; init; }
}

/// <summary>The <c>textDocument/didClose</c> notification.</summary>
internal sealed record DidCloseTextDocumentParams
{
    [JsonPropertyName("textDocument")]
    public required TextDocumentIdentifier TextDocument { get; init; }
}

/// <summary>The <c>textDocument/didSave</c> notification.</summary>
internal sealed record DidSaveTextDocumentParams
{
    [JsonPropertyName("textDocument")]
    public required TextDocumentIdentifier TextDocument { get; init; }

    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }
}

using System.Text.Json.Serialization;

namespace DeckLsp.Server.Protocol;

/// <summary>A zero-based line and UTF-16 character, as LSP counts them.</summary>
internal sealed record Position
{
    [JsonPropertyName("line")]
    public required int Line { get; init; }

    [JsonPropertyName("character")]
    public required int Character { get; init; }
}

/// <summary>A range between two positions, end exclusive.</summary>
internal sealed record Range
{
    [JsonPropertyName("start")]
    public required Position Start { get; init; }

    [JsonPropertyName("end")]
    public required Position End { get; init; }
}

/// <summary>A range inside a document.</summary>
internal sealed record Location
{
    [JsonPropertyName("uri")]
    public required string Uri { get; init; }

    [JsonPropertyName("range")]
    public required Range Range { get; init; }
}

/// <summary>Names a document.</summary>
internal sealed record TextDocumentIdentifier
{
    [JsonPropertyName("uri")]
    public required string Uri { get; init; }
}

/// <summary>Names a document at a version.</summary>
internal sealed record VersionedTextDocumentIdentifier
{
    [JsonPropertyName("uri")]
    public required string Uri { get; init; }

    [JsonPropertyName("version")]
    public required int Version { get; init; }
}

/// <summary>A document as the editor opened it.</summary>
internal sealed record TextDocumentItem
{
    [JsonPropertyName("uri")]
    public required string Uri { get; init; }

    [JsonPropertyName("languageId")]
    public string LanguageId { get; init; } = "";

    [JsonPropertyName("version")]
    public required int Version { get; init; }

    [JsonPropertyName("text")]
    [JsonConverter(typeof(EditorTextConverter))]
    public required string Text { get; init; }
}

/// <summary>The params of every request that points at a place in a document (hover, completion).</summary>
internal record TextDocumentPositionParams
{
    [JsonPropertyName("textDocument")]
    public required TextDocumentIdentifier TextDocument { get; init; }

    [JsonPropertyName("position")]
    public required Position Position { get; init; }
}

/// <summary>The params of every request about a whole document (code lens, symbols, folding).</summary>
internal sealed record DocumentParams
{
    [JsonPropertyName("textDocument")]
    public required TextDocumentIdentifier TextDocument { get; init; }
}

/// <summary>Replace the text in a range.</summary>
internal sealed record TextEdit
{
    [JsonPropertyName("range")]
    public required Range Range { get; init; }

    [JsonPropertyName("newText")]
    public required string NewText { get; init; }
}

/// <summary>Edits to apply, by document URI.</summary>
internal sealed record WorkspaceEdit
{
    [JsonPropertyName("changes")]
    public required Dictionary<string, TextEdit[]> Changes { get; init; }
}

/// <summary>A command the client runs (the server does not execute any itself).</summary>
internal sealed record Command
{
    [JsonPropertyName("title")]
    public required string Title { get; init; }

    [JsonPropertyName("command")]
    public required string Name { get; init; }

    [JsonPropertyName("arguments")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public object[]? Arguments { get; init; }
}

/// <summary>Text for a human, in plain text or Markdown.</summary>
internal sealed record MarkupContent
{
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("value")]
    public required string Value { get; init; }

    public static MarkupContent Markdown(string value) => new() { Kind = "markdown", Value = value };
}

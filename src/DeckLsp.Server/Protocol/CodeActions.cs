using System.Text.Json.Serialization;

namespace DeckLsp.Server.Protocol;

/// <summary>Options of the code action provider.</summary>
internal sealed record CodeActionOptions
{
    [JsonPropertyName("codeActionKinds")]
    public required string[] CodeActionKinds { get; init; }
}

/// <summary>The <c>textDocument/codeAction</c> params.</summary>
internal sealed record CodeActionParams
{
    [JsonPropertyName("textDocument")]
    public required TextDocumentIdentifier TextDocument { get; init; }

    [JsonPropertyName("range")]
    public required Range Range { get; init; }

    [JsonPropertyName("context")]
    public CodeActionContext Context { get; init; } = new();
}

/// <summary>The diagnostics the client shows at the range, and which kinds it wants.</summary>
internal sealed record CodeActionContext
{
    [JsonPropertyName("diagnostics")]
    public Diagnostic[] Diagnostics { get; init; } = [];

    [JsonPropertyName("only")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string[]? Only { get; init; }
}

/// <summary>A fix the user can pick.</summary>
internal sealed record CodeAction
{
    public const string QuickFix = "quickfix";

    [JsonPropertyName("title")]
    public required string Title { get; init; }

    [JsonPropertyName("kind")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Kind { get; init; }

    [JsonPropertyName("diagnostics")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Diagnostic[]? Diagnostics { get; init; }

    [JsonPropertyName("edit")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WorkspaceEdit? Edit { get; init; }
}

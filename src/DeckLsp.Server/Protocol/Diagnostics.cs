using System.Text.Json.Serialization;

namespace DeckLsp.Server.Protocol;

/// <summary>A problem as LSP shows it.</summary>
internal sealed record Diagnostic
{
    [JsonPropertyName("range")]
    public required Range Range { get; init; }

    [JsonPropertyName("severity")]
    public required int Severity { get; init; }

    [JsonPropertyName("code")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Code { get; init; }

    [JsonPropertyName("source")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Source { get; init; }

    [JsonPropertyName("message")]
    public required string Message { get; init; }

    [JsonPropertyName("relatedInformation")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DiagnosticRelatedInformation[]? RelatedInformation { get; init; }
}

/// <summary>Another place that explains a diagnostic.</summary>
internal sealed record DiagnosticRelatedInformation
{
    [JsonPropertyName("location")]
    public required Location Location { get; init; }

    [JsonPropertyName("message")]
    public required string Message { get; init; }
}

/// <summary>The <c>textDocument/publishDiagnostics</c> notification: every diagnostic of one document.</summary>
internal sealed record PublishDiagnosticsParams
{
    [JsonPropertyName("uri")]
    public required string Uri { get; init; }

    [JsonPropertyName("version")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Version { get; init; }

    [JsonPropertyName("diagnostics")]
    public required Diagnostic[] Diagnostics { get; init; }
}

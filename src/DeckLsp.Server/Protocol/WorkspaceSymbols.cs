using System.Text.Json.Serialization;

namespace DeckLsp.Server.Protocol;

/// <summary>The <c>workspace/symbol</c> params.</summary>
internal sealed record WorkspaceSymbolParams
{
    [JsonPropertyName("query")]
    public required string Query { get; init; }
}

/// <summary>A symbol found in the workspace.</summary>
internal sealed record SymbolInformation
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("kind")]
    public required int Kind { get; init; }

    [JsonPropertyName("location")]
    public required Location Location { get; init; }

    [JsonPropertyName("containerName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ContainerName { get; init; }
}

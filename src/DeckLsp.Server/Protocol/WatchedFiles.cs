using System.Text.Json.Serialization;

namespace DeckLsp.Server.Protocol;

/// <summary>The <c>workspace/didChangeWatchedFiles</c> notification.</summary>
internal sealed record DidChangeWatchedFilesParams
{
    [JsonPropertyName("changes")]
    public required FileEvent[] Changes { get; init; }
}

/// <summary>A file was created, changed or deleted.</summary>
internal sealed record FileEvent
{
    [JsonPropertyName("uri")]
    public required string Uri { get; init; }

    [JsonPropertyName("type")]
    public required int Type { get; init; }
}

/// <summary>The LSP FileChangeType values.</summary>
internal static class FileChangeType
{
    public const int Created = 1;
    public const int Changed = 2;
    public const int Deleted = 3;
}

/// <summary>The <c>client/registerCapability</c> params.</summary>
internal sealed record RegistrationParams
{
    [JsonPropertyName("registrations")]
    public required Registration[] Registrations { get; init; }
}

/// <summary>One capability registered at run time.</summary>
internal sealed record Registration
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("method")]
    public required string Method { get; init; }

    [JsonPropertyName("registerOptions")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DidChangeWatchedFilesRegistrationOptions? RegisterOptions { get; init; }
}

/// <summary>Which files the client should watch.</summary>
internal sealed record DidChangeWatchedFilesRegistrationOptions
{
    [JsonPropertyName("watchers")]
    public required FileSystemWatcher[] Watchers { get; init; }
}

/// <summary>A glob of files to watch.</summary>
internal sealed record FileSystemWatcher
{
    [JsonPropertyName("globPattern")]
    public required string GlobPattern { get; init; }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeckLsp.Server.Protocol;

/// <summary>The <c>initialize</c> request: who the client is and what it can do.</summary>
internal sealed record InitializeParams
{
    [JsonPropertyName("processId")]
    public int? ProcessId { get; init; }

    [JsonPropertyName("rootUri")]
    public string? RootUri { get; init; }

    [JsonPropertyName("workspaceFolders")]
    public WorkspaceFolder[]? WorkspaceFolders { get; init; }

    [JsonPropertyName("capabilities")]
    public ClientCapabilities Capabilities { get; init; } = new();

    [JsonPropertyName("initializationOptions")]
    public JsonElement? InitializationOptions { get; init; }
}

/// <summary>A folder open in the editor.</summary>
internal sealed record WorkspaceFolder
{
    [JsonPropertyName("uri")]
    public required string Uri { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";
}

/// <summary>What the server reads from <c>initializationOptions</c>.</summary>
internal sealed record InitializationOptions
{
    /// <summary>A self-contained history database for every deck, as <c>--db</c> gives (which wins).</summary>
    [JsonPropertyName("databasePath")]
    public string? DatabasePath { get; init; }

    /// <summary>Where reviews are kept: "repository" (the default: each deck repository's own history) or "user".</summary>
    [JsonPropertyName("history")]
    public string? History { get; init; }

    /// <summary>Older history databases (VS Code's per-workspace one) whose reviews of a repository's decks are brought into it once.</summary>
    [JsonPropertyName("legacyDatabasePaths")]
    public IReadOnlyList<string>? LegacyDatabasePaths { get; init; }

    /// <summary>The grade of each rating 1–5, e.g. ["again", "again", "hard", "good", "easy"] (the default).</summary>
    [JsonPropertyName("ratingScale")]
    public IReadOnlyList<string>? RatingScale { get; init; }

    /// <summary>How many new cards a day a due session introduces (default 20).</summary>
    [JsonPropertyName("newCardsPerDay")]
    public int? NewCardsPerDay { get; init; }

    /// <summary>
    /// The client hosts the study panel and runs <c>decklsp.*</c> commands itself (VS Code): the server then does not
    /// offer to run them (<c>executeCommandProvider</c>).
    /// </summary>
    [JsonPropertyName("studyPanel")]
    public bool? StudyPanel { get; init; }

    /// <summary>Inlay hints of due dates and retrievability at the end of each question line (default true).</summary>
    [JsonPropertyName("inlayHints")]
    public bool? InlayHints { get; init; }

    /// <summary>FSRS's desired retention, between 0.7 and 0.99 (default 0.9).</summary>
    [JsonPropertyName("desiredRetention")]
    public double? DesiredRetention { get; init; }

    /// <summary>Each new review interval takes the least loaded day of its fuzz range (Anki's load balancer; default true).</summary>
    [JsonPropertyName("loadBalance")]
    public bool? LoadBalance { get; init; }
}

/// <summary>The few client capabilities the server acts on.</summary>
internal sealed record ClientCapabilities
{
    [JsonPropertyName("workspace")]
    public WorkspaceClientCapabilities? Workspace { get; init; }

    [JsonPropertyName("window")]
    public WindowClientCapabilities? Window { get; init; }

    [JsonIgnore]
    public bool CanWatchFilesDynamically => Workspace?.DidChangeWatchedFiles?.DynamicRegistration == true;

    [JsonIgnore]
    public bool CanShowProgress => Window?.WorkDoneProgress == true;

    public bool CanRefreshCodeLenses => Workspace?.CodeLens?.RefreshSupport == true;

    public bool CanRefreshInlayHints => Workspace?.InlayHint?.RefreshSupport == true;
}

/// <summary>Workspace capabilities of the client.</summary>
internal sealed record WorkspaceClientCapabilities
{
    [JsonPropertyName("didChangeWatchedFiles")]
    public DynamicRegistrationCapability? DidChangeWatchedFiles { get; init; }

    [JsonPropertyName("codeLens")]
    public RefreshCapability? CodeLens { get; init; }

    [JsonPropertyName("inlayHint")]
    public RefreshCapability? InlayHint { get; init; }
}

/// <summary>Whether the client accepts the server asking it to refresh a feature (<c>workspace/codeLens/refresh</c>).</summary>
internal sealed record RefreshCapability
{
    [JsonPropertyName("refreshSupport")]
    public bool? RefreshSupport { get; init; }
}

/// <summary>Whether the client accepts <c>client/registerCapability</c> for a feature.</summary>
internal sealed record DynamicRegistrationCapability
{
    [JsonPropertyName("dynamicRegistration")]
    public bool? DynamicRegistration { get; init; }
}

/// <summary>Window capabilities of the client.</summary>
internal sealed record WindowClientCapabilities
{
    [JsonPropertyName("workDoneProgress")]
    public bool? WorkDoneProgress { get; init; }
}

/// <summary>The <c>initialize</c> answer.</summary>
internal sealed record InitializeResult
{
    [JsonPropertyName("capabilities")]
    public required ServerCapabilities Capabilities { get; init; }

    [JsonPropertyName("serverInfo")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ServerInfo? ServerInfo { get; init; }
}

/// <summary>The server's name and version.</summary>
internal sealed record ServerInfo
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("version")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Version { get; init; }
}

/// <summary>What the server can do.</summary>
internal sealed record ServerCapabilities
{
    [JsonPropertyName("positionEncoding")]
    public string PositionEncoding { get; init; } = "utf-16";

    [JsonPropertyName("textDocumentSync")]
    public required TextDocumentSyncOptions TextDocumentSync { get; init; }

    [JsonPropertyName("hoverProvider")]
    public bool HoverProvider { get; init; }

    [JsonPropertyName("completionProvider")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CompletionOptions? CompletionProvider { get; init; }

    [JsonPropertyName("codeLensProvider")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CodeLensOptions? CodeLensProvider { get; init; }

    [JsonPropertyName("documentSymbolProvider")]
    public bool DocumentSymbolProvider { get; init; }

    [JsonPropertyName("foldingRangeProvider")]
    public bool FoldingRangeProvider { get; init; }

    [JsonPropertyName("codeActionProvider")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CodeActionOptions? CodeActionProvider { get; init; }

    [JsonPropertyName("workspaceSymbolProvider")]
    public bool WorkspaceSymbolProvider { get; init; }

    [JsonPropertyName("inlayHintProvider")]
    public bool InlayHintProvider { get; init; }

    /// <summary>Absent when the client runs the commands itself (VS Code's study panel).</summary>
    [JsonPropertyName("executeCommandProvider")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ExecuteCommandOptions? ExecuteCommandProvider { get; init; }

    [JsonPropertyName("workspace")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WorkspaceServerCapabilities? Workspace { get; init; }
}

/// <summary>How the client sends document text.</summary>
internal sealed record TextDocumentSyncOptions
{
    [JsonPropertyName("openClose")]
    public bool OpenClose { get; init; } = true;

    /// <summary>1 = full, 2 = incremental.</summary>
    [JsonPropertyName("change")]
    public int Change { get; init; } = TextDocumentSyncKind.Incremental;

    [JsonPropertyName("save")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SaveOptions? Save { get; init; }
}

/// <summary>LSP's TextDocumentSyncKind values.</summary>
internal static class TextDocumentSyncKind
{
    public const int Full = 1;
    public const int Incremental = 2;
}

/// <summary>Whether <c>didSave</c> carries the text.</summary>
internal sealed record SaveOptions
{
    [JsonPropertyName("includeText")]
    public bool IncludeText { get; init; }
}

/// <summary>Workspace features of the server.</summary>
internal sealed record WorkspaceServerCapabilities
{
    [JsonPropertyName("workspaceFolders")]
    public WorkspaceFoldersServerCapabilities? WorkspaceFolders { get; init; }

    [JsonPropertyName("fileOperations")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FileOperationsServerCapabilities? FileOperations { get; init; }
}

/// <summary>Which file operations the server wants to hear about: deck renames, so history follows the file.</summary>
internal sealed record FileOperationsServerCapabilities
{
    [JsonPropertyName("didRename")]
    public required FileOperationRegistrationOptions DidRename { get; init; }
}

/// <summary>The files a file operation notification is wanted for.</summary>
internal sealed record FileOperationRegistrationOptions
{
    [JsonPropertyName("filters")]
    public required IReadOnlyList<FileOperationFilter> Filters { get; init; }
}

/// <summary>A glob of files (LSP's FileOperationFilter with only a pattern).</summary>
internal sealed record FileOperationFilter
{
    [JsonPropertyName("pattern")]
    public required FileOperationPattern Pattern { get; init; }
}

/// <summary>LSP's FileOperationPattern.</summary>
internal sealed record FileOperationPattern
{
    [JsonPropertyName("glob")]
    public required string Glob { get; init; }
}

/// <summary>Whether the server understands workspace folders.</summary>
internal sealed record WorkspaceFoldersServerCapabilities
{
    [JsonPropertyName("supported")]
    public bool Supported { get; init; }
}

/// <summary>The (empty) params of <c>initialized</c>.</summary>
internal sealed record InitializedParams;

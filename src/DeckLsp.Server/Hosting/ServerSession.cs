using System.Text.Json;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;
using DeckLsp.Server.Storage;
using DeckLsp.Server.Workspace;

namespace DeckLsp.Server.Hosting;

/// <summary>Where the server is in the LSP lifecycle, and what <c>initialize</c> told it.</summary>
internal sealed class ServerSession(ServerOptions options)
{
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private volatile LifecycleState _state = LifecycleState.Created;

    public LifecycleState State => _state;

    public ClientCapabilities Capabilities { get; private set; } = new();

    /// <summary>The workspace folders' paths (only <c>file:</c> folders can be indexed).</summary>
    public IReadOnlyList<string> WorkspaceFolders { get; private set; } = [];

    /// <summary>The review database: <c>--db</c>, else <c>initializationOptions.databasePath</c>, else the default.</summary>
    public string DatabasePath => ReviewDatabasePaths.Choose(options.DatabasePath, InitializationDatabasePath);

    /// <summary>What the client asked for in <c>initializationOptions.databasePath</c> (VS Code: its workspace storage).</summary>
    public string? InitializationDatabasePath { get; private set; }

    /// <summary>Cancelled at shutdown, for background work (indexing).</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>The process exit code: 0 when <c>exit</c> followed <c>shutdown</c>, 1 when it did not.</summary>
    public Task<int> Exited => _exited.Task;

    public void Initialize(InitializeParams parameters)
    {
        Capabilities = parameters.Capabilities;
        var folders = parameters.WorkspaceFolders?.Select(f => f.Uri)
            ?? (parameters.RootUri is { } root ? [root] : []);
        WorkspaceFolders = folders.Select(DeckUri.ToPath).OfType<string>().Distinct().ToArray();
        if (parameters.InitializationOptions is { ValueKind: JsonValueKind.Object } raw)
        {
            Read(raw);
        }

        _state = LifecycleState.Initialized;
    }

    /// <summary>How studying is configured: from initializationOptions, else the defaults.</summary>
    public StudySettings Study { get; private set; } = StudySettings.Default;

    /// <summary>What was wrong with initializationOptions, to tell the user once (the defaults are used instead).</summary>
    public IReadOnlyList<string> ConfigurationProblems { get; private set; } = [];

    private void Read(JsonElement raw)
    {
        InitializationOptions? options;
        try
        {
            options = raw.Deserialize(DeckJsonContext.Default.InitializationOptions);
        }
        catch (JsonException e)
        {
            ConfigurationProblems = [$"initializationOptions could not be read ({e.Message}); using the defaults."];
            return;
        }

        if (options?.DatabasePath is { Length: > 0 } databasePath)
        {
            InitializationDatabasePath = databasePath;
        }

        (Study, ConfigurationProblems) = StudySettings.From(options);
    }

    public void ShutDown()
    {
        _state = LifecycleState.ShutDown;
        _stopping.Cancel();
    }

    public void Exit()
    {
        var code = _state == LifecycleState.ShutDown ? 0 : 1;
        _state = LifecycleState.Exited;
        _stopping.Cancel();
        _exited.TrySetResult(code);
    }
}

/// <summary>The LSP lifecycle: requests are served only between <c>initialize</c> and <c>shutdown</c>.</summary>
internal enum LifecycleState
{
    Created,
    Initialized,
    ShutDown,
    Exited,
}

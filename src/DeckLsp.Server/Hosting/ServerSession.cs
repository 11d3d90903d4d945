using System.Text.Json;
using DeckLsp.Server.History;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;
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

    /// <summary>
    /// Where reviews are kept (docs/history.md): every deck in the database <c>--db</c> or
    /// <c>initializationOptions.databasePath</c> names, else each deck repository's history (or the per-user database,
    /// when <c>initializationOptions.history</c> is "user").
    /// </summary>
    public HistoryOptions History { get; private set; } = new(Database: Expand(options.DatabasePath));

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

    /// <summary>How reviews are scheduled: from initializationOptions, else the defaults.</summary>
    public ReviewSettings Review { get; private set; } = ReviewSettings.Default;

    /// <summary>The client hosts the study panel and runs the <c>decklsp.*</c> commands itself.</summary>
    public bool StudyPanel { get; private set; }

    /// <summary>Whether to offer inlay hints of due dates (<c>initializationOptions.inlayHints</c>, default true).</summary>
    public bool InlayHints { get; private set; } = true;

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
            ConfigurationProblems = [$"initializationOptions could not be read: {JsonProblem.Describe(e, "they")}; using the defaults."];
            return;
        }

        var problems = new List<string>();
        var place = HistoryPlace.Repository;
        switch (options?.History)
        {
            case null or "repository":
                break;
            case "user":
                place = HistoryPlace.User;
                break;
            default:
                problems.Add($"history must be \"repository\" or \"user\", not \"{options.History}\"; using \"repository\".");
                break;
        }

        History = new HistoryOptions(
            place,
            History.Database ?? Expand(options?.DatabasePath),
            (options?.LegacyDatabasePaths ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => Expand(p)!).ToArray());
        StudyPanel = options?.StudyPanel ?? false;
        InlayHints = options?.InlayHints ?? true;
        (Review, var reviewProblems) = ReviewSettings.From(options);
        ConfigurationProblems = [.. problems, .. reviewProblems];
    }

    private static string? Expand(string? path) => string.IsNullOrWhiteSpace(path) ? null : UserData.Current.Expand(path);

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

using System.Reflection;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;
using DeckLsp.Server.Workspace;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary><c>initialize</c>, <c>initialized</c>, <c>shutdown</c> and <c>exit</c>.</summary>
internal sealed class LifecycleHandler(
    ServerSession session,
    WorkspaceIndexer indexer,
    ILanguageClient client,
    HistoryWriter writer,
    ILogger<LifecycleHandler> logger) : ILspHandler
{
    private const string WatcherRegistrationId = "decklsp-watch-decks";

    [JsonRpcMethod(Methods.Initialize, UseSingleObjectParameterDeserialization = true)]
    public InitializeResult Initialize(InitializeParams parameters)
    {
        session.Initialize(parameters);
        logger.LogInformation("Initialized for {Folders}", session.WorkspaceFolders.Count == 0 ? "no folder" : string.Join(", ", session.WorkspaceFolders));
        return new InitializeResult
        {
            Capabilities = new ServerCapabilities
            {
                PositionEncoding = "utf-16",
                TextDocumentSync = new TextDocumentSyncOptions
                {
                    OpenClose = true,
                    Change = TextDocumentSyncKind.Incremental,
                    Save = new SaveOptions { IncludeText = false },
                },
                HoverProvider = true,
                CompletionProvider = new CompletionOptions { TriggerCharacters = [" ", ","] },
                CodeLensProvider = new CodeLensOptions { ResolveProvider = true },
                DocumentSymbolProvider = true,
                FoldingRangeProvider = true,
                CodeActionProvider = new CodeActionOptions { CodeActionKinds = [CodeAction.QuickFix] },
                WorkspaceSymbolProvider = true,
                InlayHintProvider = session.InlayHints,
                ExecuteCommandProvider = new ExecuteCommandOptions { Commands = ExecuteCommandHandler.CommandsFor(session) },
                Workspace = new WorkspaceServerCapabilities
                {
                    WorkspaceFolders = new WorkspaceFoldersServerCapabilities { Supported = true },
                    FileOperations = new FileOperationsServerCapabilities
                    {
                        DidRename = new FileOperationRegistrationOptions
                        {
                            Filters = [new FileOperationFilter { Pattern = new FileOperationPattern { Glob = "**/*" + DeckUri.Extension } }],
                        },
                    },
                },
            },
            ServerInfo = new ServerInfo
            {
                Name = "decklsp",
                Version = typeof(LifecycleHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
            },
        };
    }

    [JsonRpcMethod(Methods.Initialized, UseSingleObjectParameterDeserialization = true)]
    public async Task InitializedAsync(InitializedParams? parameters)
    {
        // What was wrong with initializationOptions is said once, now; the defaults stand in for it.
        foreach (var problem in session.ConfigurationProblems)
        {
            logger.LogWarning("{Problem}", problem);
            _ = client.ShowMessageAsync(new ShowMessageParams { Type = 2, Message = problem });
        }

        _ = indexer.StartAsync(session.WorkspaceFolders, session.Capabilities.CanShowProgress, session.Stopping);
        if (!session.Capabilities.CanWatchFilesDynamically)
        {
            return;
        }

        try
        {
            await client.RegisterCapabilityAsync(new RegistrationParams
            {
                Registrations =
                [
                    new Registration
                    {
                        Id = WatcherRegistrationId,
                        Method = Methods.DidChangeWatchedFiles,
                        RegisterOptions = new DidChangeWatchedFilesRegistrationOptions
                        {
                            Watchers =
                            [
                                new Protocol.FileSystemWatcher { GlobPattern = "**/*" + DeckUri.Extension },
                                // The review history: a pull or another window appends to it.
                                new Protocol.FileSystemWatcher { GlobPattern = "**/.decklsp/history/*.log" },
                            ],
                        },
                    },
                ],
            }, session.Stopping);
        }
        catch (RemoteRpcException e)
        {
            // Without the watcher the index still serves; it just misses edits made outside the editor.
            logger.LogWarning("The client refused to watch decks: {Message}", e.Message);
        }
    }

    [JsonRpcMethod(Methods.Shutdown)]
    public object? Shutdown()
    {
        // What the last edits and saves asked the history to record is written before the editor lets go.
        if (!writer.Flushed().Wait(TimeSpan.FromSeconds(10)))
        {
            logger.LogWarning("History writes were still running at shutdown");
        }

        session.ShutDown();
        logger.LogInformation("Shutting down");
        return null;
    }

    [JsonRpcMethod(Methods.Exit)]
    public void Exit() => session.Exit();
}

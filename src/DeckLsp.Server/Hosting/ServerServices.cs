using DeckLsp.Server.Handlers;
using DeckLsp.Server.Reviews;
using DeckLsp.Server.Workspace;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeckLsp.Server.Hosting;

/// <summary>The server's object graph: state, services and one handler per feature.</summary>
internal static class ServerServices
{
    public static IServiceCollection AddLanguageServer(this IServiceCollection services, ServerOptions options)
    {
        services.AddSingleton(options);
        services.AddLogging(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(options.LogLevel);
            if (options.LogToStandardError)
            {
                logging.AddProvider(new StandardErrorLoggerProvider(options.LogLevel));
            }
        });
        services.AddSingleton<ILoggerProvider>(provider =>
            new ClientLoggerProvider(new Lazy<ILanguageClient>(provider.GetRequiredService<ILanguageClient>), options.LogLevel));

        services.AddSingleton<ServerSession>();
        services.AddSingleton<RefusedMessages>();
        services.AddSingleton<ILanguageClient, JsonRpcLanguageClient>();
        services.AddSingleton<DocumentStore>();
        services.AddSingleton<WorkspaceIndex>();
        services.AddSingleton<WorkspaceIndexer>();
        services.AddSingleton<WorkspaceDecks>();
        services.AddSingleton<DiagnosticsPublisher>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ReviewService>();
        services.AddSingleton<HistoryWriter>();
        services.AddSingleton<HistoryFollower>();
        services.AddSingleton<ReviewDecks>();
        services.AddSingleton<CardRendering>();
        services.AddSingleton<ReviewSessions>();
        services.AddSingleton<ReviewCounts>();

        services.AddSingleton<ILspHandler, LifecycleHandler>();
        services.AddSingleton<ILspHandler, TextSyncHandler>();
        services.AddSingleton<ILspHandler, CodeLensHandler>();
        services.AddSingleton<ILspHandler, DocumentSymbolHandler>();
        services.AddSingleton<ILspHandler, FoldingRangeHandler>();
        services.AddSingleton<ILspHandler, HoverHandler>();
        services.AddSingleton<ILspHandler, CompletionHandler>();
        services.AddSingleton<ILspHandler, CodeActionHandler>();
        services.AddSingleton<ILspHandler, WorkspaceSymbolHandler>();
        services.AddSingleton<ILspHandler, WatchedFilesHandler>();
        services.AddSingleton<ILspHandler, ReviewHandler>();
        services.AddSingleton<ILspHandler, RenameFilesHandler>();
        return services;
    }
}

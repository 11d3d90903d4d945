using System.Diagnostics.CodeAnalysis;
using DeckLsp.Server.Handlers;
using DeckLsp.Server.Reviews;
using DeckLsp.Server.Workspace;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PolyType;
using StreamJsonRpc;

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
        services.AddSingleton<ReviewStatistics>();
        services.AddSingleton<MessageStudy>();
        services.AddSingleton<OptimizeCommands>();

        services.AddLspHandler<LifecycleHandler, HandlerShapes>();
        services.AddLspHandler<TextSyncHandler, HandlerShapes>();
        services.AddLspHandler<CodeLensHandler, HandlerShapes>();
        services.AddLspHandler<DocumentSymbolHandler, HandlerShapes>();
        services.AddLspHandler<FoldingRangeHandler, HandlerShapes>();
        services.AddLspHandler<HoverHandler, HandlerShapes>();
        services.AddLspHandler<CompletionHandler, HandlerShapes>();
        services.AddLspHandler<CodeActionHandler, HandlerShapes>();
        services.AddLspHandler<WorkspaceSymbolHandler, HandlerShapes>();
        services.AddLspHandler<WatchedFilesHandler, HandlerShapes>();
        services.AddLspHandler<ReviewHandler, HandlerShapes>();
        services.AddLspHandler<StatisticsHandler, HandlerShapes>();
        services.AddLspHandler<RenameFilesHandler, HandlerShapes>();
        services.AddLspHandler<ExecuteCommandHandler, HandlerShapes>();
        services.AddLspHandler<InlayHintHandler, HandlerShapes>();
        return services;
    }

    /// <summary>Adds a handler: its <c>[JsonRpcMethod]</c>s are served, found through the shape generated for it.</summary>
    public static IServiceCollection AddLspHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler, TShapes>(
        this IServiceCollection services)
        where THandler : class, ILspHandler
        where TShapes : IShapeable<THandler>
    {
        services.AddSingleton<THandler>();
        services.AddSingleton(provider => new LspTarget(RpcTargetMetadata.FromShape<THandler, TShapes>(), provider.GetRequiredService<THandler>()));
        return services;
    }
}

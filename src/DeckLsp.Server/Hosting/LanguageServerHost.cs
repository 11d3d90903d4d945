using DeckLsp.Server.Handlers;
using DeckLsp.Server.Transport;
using DeckLsp.Server.Workspace;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace DeckLsp.Server.Hosting;

/// <summary>Runs the language server over a pair of streams (stdin/stdout in production, pipes in tests).</summary>
public static class LanguageServerHost
{
    /// <summary>Serves until <c>exit</c> or the input closes; returns the exit code (0 after shutdown and exit, else 1).</summary>
    public static Task<int> RunAsync(Stream input, Stream output, ServerOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(input, output, options, configureServices: null, cancellationToken);

    /// <summary>As the public overload; tests may add services or handlers.</summary>
    internal static async Task<int> RunAsync(
        Stream input,
        Stream output,
        ServerOptions options,
        Action<IServiceCollection>? configureServices,
        CancellationToken cancellationToken)
    {
        var formatter = LspJson.CreateFormatter();
        var messageHandler = new LspMessageHandler(output, input, formatter, options.Transport);

        LanguageServerRpc? rpc = null;
        var services = new ServiceCollection().AddLanguageServer(options);
        services.AddSingleton<JsonRpc>(_ => rpc ?? throw new InvalidOperationException("The connection is not made yet."));
        configureServices?.Invoke(services);
        await using var provider = services.BuildServiceProvider();

        var session = provider.GetRequiredService<ServerSession>();
        var logger = provider.GetRequiredService<ILogger<LanguageServerRpc>>();
        // Resolved when first needed: the client it reports to needs the connection made below.
        var refused = new Lazy<RefusedMessages>(provider.GetRequiredService<RefusedMessages>);
        messageHandler.Refused += refusal => refused.Value.Report(refusal);
        using (rpc = new LanguageServerRpc(messageHandler, session, logger))
        {
            logger.LogDebug("Collector: latency mode {Mode}", System.Runtime.GCSettings.LatencyMode);
            var targetOptions = new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true, NotifyClientOfEvents = false };
            foreach (var target in provider.GetServices<LspTarget>())
            {
                rpc.AddLocalRpcTarget(target.Metadata, target.Handler, targetOptions);
            }

            using var publisher = provider.GetRequiredService<DiagnosticsPublisher>();
            _ = publisher.Start();
            rpc.StartListening();
            await using var cancel = cancellationToken.Register(rpc.Dispose);

            await Task.WhenAny(session.Exited, rpc.Completion);
            if (rpc.Completion is { IsFaulted: true } failed)
            {
                logger.LogError(failed.Exception?.GetBaseException(), "The connection failed");
            }

            var code = session.Exited.IsCompletedSuccessfully ? session.Exited.Result : 1;
            logger.LogInformation("Exiting with code {Code}", code);
            return code;
        }
    }
}

using DeckLsp.Server.Protocol;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace DeckLsp.Server.Hosting;

/// <summary>Logs to stderr: stdout carries the protocol, so nothing else may be written there.</summary>
internal sealed class StandardErrorLoggerProvider(LogLevel minimum) : ILoggerProvider
{
    private static readonly Lock WriteGate = new();

    public ILogger CreateLogger(string categoryName) => new Logger(ShortName(categoryName), minimum);

    public void Dispose()
    {
    }

    private static string ShortName(string category) => category[(category.LastIndexOf('.') + 1)..];

    private sealed class Logger(string category, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = $"[{logLevel}] {category}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}";
            lock (WriteGate)
            {
                Console.Error.WriteLine(line);
            }
        }
    }
}

/// <summary>Logs to the client's output (<c>window/logMessage</c>), best effort: a failed send is dropped, not logged.</summary>
internal sealed class ClientLoggerProvider(Lazy<ILanguageClient> client, LogLevel minimum) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(client, minimum);

    public void Dispose()
    {
    }

    private sealed class Logger(Lazy<ILanguageClient> client, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var type = logLevel switch
            {
                >= LogLevel.Error => MessageType.Error,
                LogLevel.Warning => MessageType.Warning,
                LogLevel.Information => MessageType.Info,
                _ => MessageType.Log,
            };
            var message = formatter(state, exception) + (exception is null ? "" : Environment.NewLine + exception);
            try
            {
                client.Value.LogMessageAsync(new LogMessageParams { Type = type, Message = message })
                    .ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or ConnectionLostException)
            {
                // The connection is gone; stderr still has the entry.
            }
        }
    }
}

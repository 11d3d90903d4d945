using DeckLsp.Server.Transport;
using Microsoft.Extensions.Logging;

namespace DeckLsp.Server.Hosting;

/// <summary>How the language server was started.</summary>
public sealed record ServerOptions
{
    /// <summary>The review database (`--db`); null means the default under XDG_DATA_HOME.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>How long diagnostics wait for typing to pause before they are published.</summary>
    public TimeSpan DiagnosticsDelay { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>The least severe log entries sent to stderr and to the client's log (<c>window/logMessage</c>).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Whether the server also logs to stderr (tests running in-process turn it off).</summary>
    public bool LogToStandardError { get; init; } = true;

    /// <summary>The largest message and the deepest nesting the server reads (docs/reliability.md).</summary>
    public TransportLimits Transport { get; init; } = new();

    /// <summary>Workspace indexing reports <c>$/progress</c> from this many decks on.</summary>
    public int IndexProgressThreshold { get; init; } = 50;
}

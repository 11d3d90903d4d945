namespace DeckLsp.Server.History;

/// <summary>How long the store waits for another connection's lock.</summary>
internal sealed record DatabaseOptions
{
    /// <summary>The defaults: 200 ms inside SQLite per attempt, retried for up to 3 s.</summary>
    public static DatabaseOptions Default { get; } = new();

    /// <summary>SQLite's own wait (<c>PRAGMA busy_timeout</c>) before a statement reports SQLITE_BUSY.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a whole operation keeps retrying after SQLITE_BUSY/LOCKED before it gives up.</summary>
    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromSeconds(3);
}

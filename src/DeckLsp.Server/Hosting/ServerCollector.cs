using System.Runtime;

namespace DeckLsp.Server.Hosting;

/// <summary>The collector's setting that only the long-running server takes (the command line keeps the runtime's default).</summary>
internal static class ServerCollector
{
    /// <summary>
    /// No background collections from here on: they let the heap grow while a full collection runs beside the edits
    /// (docs/performance.md, "Open, memory and workspace"). Set at run time rather than with
    /// <c>ConcurrentGarbageCollection=false</c> because that startup setting also raises generation 0's budget from 6 MB
    /// to up to 200 MB, which cost `decklsp check` about 100 MB of peak memory; this keeps the 6 MB budget.
    /// </summary>
    public static void Apply() => GCSettings.LatencyMode = GCLatencyMode.Batch;
}

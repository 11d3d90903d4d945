using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using DeckLsp.Bench.Report;

namespace DeckLsp.Bench.Micro;

/// <summary>Runs the BenchmarkDotNet micro-benchmarks in process (no separate build) with a short, fixed job.</summary>
public static class MicroRunner
{
    public static IReadOnlyList<(string Name, bool Baseline, int Cards, Stat Stat, double AllocatedMb)> Run(bool quick)
    {
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(quick ? 1 : 3)
            .WithIterationCount(quick ? 3 : 12);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
            .AddLogger(new ErrorLogger())
            .WithOptions(ConfigOptions.DisableLogFile | ConfigOptions.JoinSummary)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "decklsp-bench-artifacts"));
        var summary = BenchmarkRunner.Run<ParseBenchmarks>(config);
        return summary.Reports
            .Where(r => r.ResultStatistics is not null)
            .Select(r => (
                r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
                r.BenchmarkCase.Descriptor.Baseline,
                (int)r.BenchmarkCase.Parameters["Cards"],
                new Stat(r.ResultStatistics!.Median / 1e6, r.ResultStatistics.Percentiles.P95 / 1e6, r.ResultStatistics.N),
                (r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) ?? 0) / 1e6))
            .ToList();
    }

    /// <summary>BenchmarkDotNet's log goes to stderr: stdout is the table.</summary>
    private sealed class ErrorLogger : ILogger
    {
        public string Id => nameof(ErrorLogger);

        public int Priority => 0;

        public void Write(LogKind logKind, string text) => Console.Error.Write(text);

        public void WriteLine() => Console.Error.WriteLine();

        public void WriteLine(LogKind logKind, string text) => Console.Error.WriteLine(text);

        public void Flush() => Console.Error.Flush();
    }
}

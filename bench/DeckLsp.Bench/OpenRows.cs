using DeckLsp.Bench.EndToEnd;
using DeckLsp.Bench.Report;

namespace DeckLsp.Bench;

/// <summary>
/// The rows of issue 12's open, memory and workspace targets, shared by the full run and by the flags that run only
/// them (<c>--only-open</c>, <c>--only-memory</c>, <c>--only-workspace</c>), so both print the same rows.
/// </summary>
public static class OpenRows
{
    private const double Mb = 1024.0 * 1024.0;

    public static Row WarmOpen((Stat Stat, bool Correct, Stat Paired) open, Stat baseline, string peerCell) =>
        new("open: didOpen → diagnostics published, 10,000 cards (warm server)",
            $"{open.Stat.Ms()}<br>{Stat.Number(open.Stat.Median / baseline.Median)}× baseline", baseline.Ms(), peerCell, "≤ 1.5× baseline",
            Results.Verdict(open.Stat.Median <= 1.5 * baseline.Median && open.Correct), Paired(open.Paired));

    public static Row FreshOpen(string build, (Stat FromOpen, Stat FromSpawn, bool Correct, Stat Paired) fresh, Stat baseline) =>
        new($"open on a fresh server ({build}): spawn → initialize → initialized → didOpen → diagnostics, 10,000 cards; from didOpen",
            $"{fresh.FromOpen.Ms()}<br>{Stat.Number(fresh.FromOpen.Median / baseline.Median)}× baseline", baseline.Ms(), "—", "≤ 3× baseline",
            Results.Verdict(fresh.FromOpen.Median <= 3 * baseline.Median && fresh.Correct), $"from spawn: {fresh.FromSpawn.Ms()}; {Paired(fresh.Paired)}");

    // Each sample over a Markdig parse timed just before it: steadier than the run's baseline when the load moves.
    private static string Paired(Stat ratios) => $"each sample ÷ a parse timed just before it: median {Stat.Number(ratios.Median)}× (p95 {Stat.Number(ratios.P95)}×)";

    public static string Rss((long AfterHundred, long AfterAll, long Peak, int Edits) m) =>
        $"{Stat.Number(m.AfterAll / Mb)} MB after {m.Edits:N0} edits; {Stat.Number(m.AfterHundred / Mb)} MB after 100 (peak {Stat.Number(m.Peak / Mb)} MB)";

    /// <summary>The memory target: at most 100 MB after the edits, and no more than 5% over the figure after 100.</summary>
    public static bool MemoryMet((long AfterHundred, long AfterAll, long Peak, int Edits) m) =>
        m.AfterAll <= 100 * Mb && m.AfterAll <= m.AfterHundred * 1.05;

    public const string MemoryTarget = "≤ 100 MB, no growth after the first 100 edits";

    public static Row Workspace(string build, (Stat Stat, int Progress) workspace, Stat baseline) =>
        new($"workspace: 1,000 files / 100,000 cards, initialized → $/progress end ({build})",
            $"{workspace.Stat.Ms()}<br>{Stat.Number(workspace.Stat.Median / baseline.Median)}× baseline; {workspace.Progress} $/progress messages",
            $"{baseline.Ms()} (all files, one after another)", "—", "≤ 2× baseline, with $/progress",
            Results.Verdict(workspace.Stat.Median <= 2 * baseline.Median && workspace.Progress >= 2));

    public static Row Check(string build, (Stat Check, Stat Start) check, Stat baseline) =>
        new($"`decklsp check` on 1,000 files / 100,000 cards ({build}), wall clock incl. process start",
            $"{check.Check.Ms()}<br>{Stat.Number((check.Check.Median - check.Start.Median) / baseline.Median)}× baseline after process start",
            $"{baseline.Ms()} (all files, one after another)", "—", "≤ 2× baseline plus process start",
            Results.Verdict(check.Check.Median <= 2 * baseline.Median + check.Start.Median), $"process start (`--version`): {check.Start.Ms()}");

    /// <summary>
    /// Runs only the parts named (open, memory, workspace) for the framework-dependent build, the native one, and any
    /// other builds given (<c>--compare-with PATH</c>: a .dll or an executable, say a build of main, for before and after
    /// figures from the same run).
    /// </summary>
    public static async Task<Results> Run(EndToEndBench bench, BenchSetup setup, string? native, ISet<string> parts, Action<string> phase,
        IEnumerable<string> others)
    {
        var results = new Results();
        var builds = new List<(string Name, string Path)> { ("framework-dependent", setup.ServerDll) };
        if (native is not null)
        {
            builds.Add(("native", native));
        }

        builds.AddRange(others.Select(other => ($"`{other}`", Path.GetFullPath(other))));

        if (parts.Contains("open"))
        {
            phase("open (warm server)");
            var open = await bench.OpenPaired(10_000, setup.Samples(5, 2));
            var baseline = bench.Baseline(10_000);
            results.Add(WarmOpen(open, baseline, "—"));
            foreach (var (name, path) in builds)
            {
                phase($"open (fresh server, {name})");
                results.Add(FreshOpen(name, await bench.FreshOpen(path, 10_000, setup.Samples(5, 2)), baseline));
            }
        }

        if (parts.Contains("memory"))
        {
            foreach (var (name, path) in builds)
            {
                phase($"memory ({name})");
                var memory = await bench.Memory(10_000, setup.Samples(1_000, 200), path);
                results.Add(new Row($"memory: RSS, 10,000-card deck open and edited {memory.Edits:N0} times ({name})", Rss(memory), "—", "—",
                    MemoryTarget, Results.Verdict(MemoryMet(memory)), "growth counted when the last figure exceeds the 100-edit one by more than 5%"));
            }
        }

        if (parts.Contains("workspace"))
        {
            var baseline = bench.WorkspaceBaseline(1_000, 100, setup.Samples(3, 1));
            foreach (var (name, path) in builds)
            {
                phase($"workspace ({name})");
                results.Add(Workspace(name, await bench.Workspace(1_000, 100, setup.Samples(3, 1), path), baseline));
                phase($"decklsp check ({name})");
                results.Add(Check(name, await bench.CheckAlone(1_000, 100, setup.Samples(3, 1), path), baseline));
            }
        }

        return results;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using DeckLsp.Bench;
using DeckLsp.Bench.EndToEnd;
using DeckLsp.Bench.Micro;
using DeckLsp.Bench.Report;

// The benchmark (issue 5). bench/run.sh builds what it needs and runs this; options:
//   --quick      a few samples of everything (a couple of minutes), for trying changes
//   --verify     check every edit's incremental snapshot against a full parse, in process (slower; a debug mode)
//   --no-micro   skip the BenchmarkDotNet micro-benchmarks    --no-peer   skip VS Code's server and markdownlint-cli2
//   --out FILE   also write the table (Markdown) to FILE      --repo DIR  the repository (default: found from here)
//   --history    only the history rows (opening a repository's logs), for working on the history layer
//   --only-native  only the native executable against the framework-dependent build (cold start, memory, check, sizes)
//   --only-open, --only-memory, --only-workspace  only those rows of issue 12 (combinable), both builds (OpenRows);
//                --compare-with PATH (repeatable) adds another server build to them, for before/after figures in one run
//   --only-requests  only the request rows (codeLens, documentSymbol, foldingRange, inlayHint), for working on the handlers
//   --only-keystroke  only the keystroke rows (→ diagnostics, → hover) at 1,000, 10,000 and 100,000 cards, with their baselines
//   --only-review  only the review row (deck/rate → next card), for working on reviews and the load balancer
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var flags = args.ToHashSet(StringComparer.Ordinal);
string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var quick = flags.Contains("--quick");
var repository = Value("--repo") ?? FindRepository();
using var setup = new BenchSetup(repository, quick, flags.Contains("--verify"));
var bench = new EndToEndBench(setup);
var results = new Results();
var clock = Stopwatch.StartNew();
void Phase(string name) => Console.Error.WriteLine($"[{clock.Elapsed:mm\\:ss}] {name}");
string Pct(double ours, Stat baseline) => $"{Stat.Number(100 * ours / baseline.Median)}% of baseline";

if (flags.Contains("--history"))
{
    Phase("history");
    HistoryRows(new DeckLsp.Bench.History.HistoryBench(setup).Run(100_000, setup.Samples(5, 2)));
    Console.WriteLine(results.ToMarkdown($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, history rows only, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
    return 0;
}

void HistoryRows((Stat Cold, Stat Warm, Stat Pull, Stat Baseline, double FirstCold, int Events, long Bytes) history)
{
    results.Add(new Row($"history: open a repository whose logs hold {history.Events:N0} events ({Stat.Number(history.Bytes / 1048576.0)} MB; 100,000 reviews, 3 devices), no cache (a fresh clone)",
        $"{history.Cold.Ms()}<br>{Stat.Number(history.Cold.Median / history.Baseline.Median)}× baseline", $"{history.Baseline.Ms()} (read the logs' lines)", "—",
        "≤ 1 s", Results.Verdict(history.Cold.Median <= 1000), $"the first open in a process (code not yet compiled): {Stat.Number(history.FirstCold)} ms"));
    results.Add(new Row("history: the same, with the cache a previous open left", history.Warm.Ms(), history.Baseline.Ms(), "—", "(reported)", "—"));
    results.Add(new Row("history: a pull brought 1,000 new lines: read them and re-derive what they touch", history.Pull.Ms(), "—", "—", "(reported)", "—"));
}

if (!File.Exists(setup.ServerDll))
{
    Console.Error.WriteLine($"No server build at {setup.ServerDll}: run bench/run.sh (or dotnet build DeckLsp.sln -c Release) first.");
    return 2;
}

var native = File.Exists(setup.NativeExecutable) ? setup.NativeExecutable : null;
var nativeResults = new Results(
    "| scenario | native executable (Native AOT) | framework-dependent (`dotnet DeckLsp.Server.dll`), same run | markdownlint-cli2, same run | target | verdict |");
var peerFlag = !flags.Contains("--no-peer");
var onlyParts = new[] { "open", "memory", "workspace" }.Where(part => flags.Contains($"--only-{part}")).ToHashSet();
if (onlyParts.Count > 0)
{
    var only = await OpenRows.Run(bench, setup, native, onlyParts, Phase, args.Where((_, i) => i > 0 && args[i - 1] == "--compare-with"));
    var onlyTable = only.ToMarkdown($"Machine: {MachineLine()}; load average {File.ReadAllText("/proc/loadavg").Trim()}");
    Console.WriteLine(onlyTable);
    if (Value("--out") is { } onlyOutput)
    {
        File.WriteAllText(onlyOutput, onlyTable);
    }

    return 0;
}

if (flags.Contains("--only-native"))
{
    Phase("native against framework-dependent");
    var onlyCheck = peerFlag && native is not null ? await bench.Check(1_000, 100, setup.Samples(3, 1), native) : ((Stat, Stat?, Stat, int)?)null;
    await NativeSection(null, null, onlyCheck,
        File.Exists(setup.ReadyToRunDll) ? await bench.ColdStart(setup.ReadyToRunDll, setup.Samples(10, 3)) : null);
    var onlyTable = nativeResults.ToMarkdown($"Machine: {MachineLine()}");
    Console.WriteLine(onlyTable);
    if (Value("--out") is { } onlyOutput)
    {
        File.WriteAllText(onlyOutput, onlyTable);
    }

    return native is null ? 2 : 0;
}

if (flags.Contains("--only-requests"))
{
    Phase("features");
    FeatureRows(await bench.Features(10_000, setup.Samples(30, 8)), await bench.Features(1_000, setup.Samples(30, 8)), _ => null);
    Console.WriteLine(results.ToMarkdown($"Machine: {MachineLine()}, --only-requests"));
    return 0;
}

if (flags.Contains("--only-review"))
{
    Phase("review");
    ReviewRow(await bench.Review(100, setup.Samples(150, 30)));
    Console.WriteLine(results.ToMarkdown($"Machine: {MachineLine()}; load average {File.ReadAllText("/proc/loadavg").Trim()}, --only-review"));
    return 0;
}

void ReviewRow((Stat Review, int Rated, long Stored) review) =>
    results.Add(new Row("review: deck/rate → next card answered (rating committed first)", review.Review.Ms(), "—", "—", "≤ 10 ms, durable",
        Results.Verdict(review.Review.Median <= 10 && review.Stored == review.Rated), $"{review.Rated} ratings answered, {review.Stored} in the database after SIGKILL"));

if (flags.Contains("--only-keystroke"))
{
    var keystrokesCorrect = await KeystrokeRows();
    results.Note($"Correctness: every keystroke scenario's last publication equals a full parse's diagnostics: {(keystrokesCorrect ? "yes" : "NO")}." +
        (setup.Verify ? " --verify: every edit's snapshot was checked against a full parse." : ""));
    Console.WriteLine(results.ToMarkdown($"Machine: {MachineLine()}, --only-keystroke"));
    return keystrokesCorrect ? 0 : 1;
}

// Keystroke → diagnostics, at every size.
var allCorrect = await KeystrokeRows();

Phase("debounce");
var (debounced, _) = await bench.KeystrokeToDiagnostics(10_000, setup.Samples(20, 6), delayMs: 150);
results.Add(new Row("keystroke → diagnostics published, 10,000 cards, default debounce (150 ms)", debounced.Ms(), bench.Baseline(10_000).Ms(), "—",
    "reported: the deliberate wait, not work", "—", $"work after the debounce ≈ {Stat.Number(debounced.Median - 150)} ms"));

Phase("code fence");
var (fenceOpen, fenceClose, fenceCorrect) = await bench.CodeFence(10_000, setup.Samples(10, 3));
results.Add(new Row("keystroke opening a code fence mid-deck (swallows the rest), 10,000 cards → published",
    $"{fenceOpen.Ms()}<br>{Pct(fenceOpen.Median, bench.Baseline(10_000))}", bench.Baseline(10_000).Ms(), "—", "correct, and reported",
    fenceCorrect ? "met (correct)" : "**WRONG**", $"closing it again: {fenceClose.Ms()}"));

Phase("open");
var openPaired = await bench.OpenPaired(10_000, setup.Samples(5, 2));
var (open, openCorrect, _) = openPaired;
var openBaseline = bench.Baseline(10_000);
var freshOpen = native is null ? null : await bench.FreshOpen(native, 10_000, setup.Samples(5, 2)) as (Stat, Stat, bool, Stat)?;

Phase("features");
var features = await bench.Features(10_000, setup.Samples(30, 8));
var featuresSmall = await bench.Features(1_000, setup.Samples(30, 8));

Phase("cold start");
var coldR2R = File.Exists(setup.ReadyToRunDll) ? await bench.ColdStart(setup.ReadyToRunDll, setup.Samples(10, 3)) : null;
var coldJit = await bench.ColdStart(setup.ServerDll, setup.Samples(10, 3));

Phase("memory");
var memory = await bench.Memory(10_000, setup.Samples(1_000, 200));

Phase("workspace");
var (workspace, progress) = await bench.Workspace(1_000, 100, setup.Samples(3, 1));
var workspaceBaseline = bench.WorkspaceBaseline(1_000, 100, setup.Samples(3, 1));

Phase("review");
var (review, rated, stored) = await bench.Review(100, setup.Samples(150, 30));

Phase("history");
var history = new DeckLsp.Bench.History.HistoryBench(setup).Run(100_000, setup.Samples(5, 2));

var peer = default(System.Text.Json.Nodes.JsonObject);
(Stat Ours, Stat? Native, Stat Lint, int LintExit)? check = null;
if (peerFlag)
{
    Phase("peer: VS Code's Markdown language server");
    peer = await bench.Peer(1_000, 10_000, setup.Samples(20, 4), setup.Samples(30, 6), setup.Samples(3, 1), setup.Samples(50, 6));
    Phase("check vs markdownlint-cli2");
    check = await bench.Check(1_000, 100, setup.Samples(3, 1), native);
}

Stat? PeerStat(string name) => peer?[name] is { } node
    ? new Stat(node["median"]!.GetValue<double>(), node["p95"]!.GetValue<double>(), node["n"]!.GetValue<int>())
    : null;
string PeerCell(Stat? theirs, double ours) => theirs is null ? "not run" : $"{theirs.Ms()}<br>we are {Stat.Number(theirs.Median / ours)}× faster";

results.Add(OpenRows.WarmOpen(openPaired, openBaseline, PeerCell(PeerStat("open"), open.Median) + "<br>(peer: didOpen → documentSymbol)"));
if (freshOpen is { } fresh)
{
    results.Add(OpenRows.FreshOpen("native", fresh, openBaseline));
}

FeatureRows(features, featuresSmall, PeerStat);

results.Add(new Row("cold start: spawn → initialize answered (ReadyToRun publish, `dotnet DeckLsp.Server.dll`)",
    coldR2R?.Ms() ?? "not published (run bench/run.sh)", "—", "—", "≤ 100 ms", Results.Verdict(coldR2R is null ? null : coldR2R.Median <= 100),
    $"the normal (JIT) build: {coldJit.Ms()}"));

var mb = 1024.0 * 1024.0;
var peerRss = peer?["rssAfterEdits"]?.GetValue<double>();
results.Add(new Row($"memory: RSS, 10,000-card deck open and edited {memory.Edits:N0} times",
    $"{Stat.Number(memory.AfterAll / mb)} MB after {memory.Edits:N0} edits; {Stat.Number(memory.AfterHundred / mb)} MB after 100 (peak {Stat.Number(memory.Peak / mb)} MB)",
    "—",
    peerRss is null ? "not run" : $"{Stat.Number(peerRss.Value / mb)} MB after {peer!["memoryEdits"]} edits<br>{Stat.Number(peerRss.Value / memory.AfterAll)}× ours",
    OpenRows.MemoryTarget, Results.Verdict(OpenRows.MemoryMet(memory)),
    "growth counted when the last figure exceeds the 100-edit one by more than 5%"));

results.Add(OpenRows.Workspace("framework-dependent", (workspace, progress), workspaceBaseline));

ReviewRow((review, rated, stored));

HistoryRows(history);

if (check is { } c)
{
    results.Add(new Row("`decklsp check` on 1,000 files vs `markdownlint-cli2`, wall clock incl. process start", c.Ours.Ms(), workspaceBaseline.Ms(),
        $"markdownlint-cli2: {c.Lint.Ms()}<br>we are {Stat.Number(c.Lint.Median / c.Ours.Median)}× faster", "≥ 5× faster",
        Results.Verdict(c.Lint.Median / c.Ours.Median >= 5)));
    results.Add(OpenRows.Check(native is null ? "framework-dependent" : "native", await bench.CheckAlone(1_000, 100, setup.Samples(3, 1), native ?? setup.ServerDll), workspaceBaseline));
}

Console.Error.WriteLine(results.ToMarkdown("End-to-end figures so far (the full table follows the micro-benchmarks):"));
if (!flags.Contains("--no-micro"))
{
    Phase("micro-benchmarks (BenchmarkDotNet)");
    var micro = MicroRunner.Run(quick);
    foreach (var (name, _, cards, stat, allocated) in micro.Where(m => !m.Baseline))
    {
        var baseline = micro.FirstOrDefault(m => m.Cards == cards && m.Baseline).Stat ?? new Stat(double.NaN, double.NaN, 0);
        results.Add(new Row($"micro (BenchmarkDotNet): {name}, {cards:N0} cards", $"{stat.Ms()}<br>{Pct(stat.Median, baseline)}; {Stat.Number(allocated)} MB allocated",
            baseline.Ms(), "—", "(core only, no protocol)", "—"));
    }
}

results.Note($"Correctness: every keystroke scenario's last publication equals a full parse's diagnostics: {(allCorrect ? "yes" : "NO")}; " +
    $"the open: {(openCorrect ? "yes" : "NO")}; the fence: every publication and snapshot checked: {(fenceCorrect ? "yes" : "NO")}." +
    (setup.Verify ? " --verify: every edit's snapshot was checked against a full parse." : ""));
if (peer is not null)
{
    results.Note($"Peer: vscode-markdown-languageserver {peer["version"]}, parsing through markdown-it in the bench's node client (as VS Code's extension host does); its RSS is the server process's.");
}

if (check is { LintExit: var lintExit })
{
    results.Note($"markdownlint-cli2 exited {lintExit} (it reports Markdown style findings on the decks; `decklsp check` reports the deck's own errors).");
}

Phase("native against framework-dependent");
await NativeSection(coldJit, memory, check, coldR2R);

var table = results.ToMarkdown($"Machine: {MachineLine()}") + Environment.NewLine +
    nativeResults.ToMarkdown("The native executable against the framework-dependent build, same run:");
Console.WriteLine(table);
if (Value("--out") is { } output)
{
    File.WriteAllText(output, table);
}

return allCorrect && openCorrect && fenceCorrect ? 0 : 1;

// The request rows: each request on a settled snapshot and right after a keystroke (EndToEndBench.Features).
void FeatureRows(Dictionary<string, Stat> large, Dictionary<string, Stat> small, Func<string, Stat?> peerStat)
{
    var screen = $"the lenses of one screen ({EndToEndBench.ScreenLines} lines) resolved";
    var lenses = large["textDocument/codeLens"];
    results.Add(new Row("codeLens on 10,000 cards (settled snapshot)", lenses.Ms(), "—", "—", "≤ 10 ms", Results.Verdict(lenses.Median <= 10),
        $"the lenses, plus {screen}, as an editor shows them; of which resolving: {large["resolving of textDocument/codeLens"].Ms()}"));
    foreach (var method in new[] { "textDocument/documentSymbol", "textDocument/foldingRange" })
    {
        var stat = large[method];
        results.Add(new Row($"{method[13..]} on 10,000 cards (settled snapshot)", stat.Ms(), "—", "—", "≤ 10 ms", Results.Verdict(stat.Median <= 10)));
    }

    results.Add(new Row($"inlayHint on 10,000 cards (settled snapshot), one screen ({EndToEndBench.ScreenLines} lines)", large["textDocument/inlayHint"].Ms(), "—", "—",
        "(reported)", "—"));
    var symbolsSmall = small["keystroke → textDocument/documentSymbol"];
    results.Add(new Row("keystroke → documentSymbol answered, 1,000 cards", symbolsSmall.Ms(), bench.Baseline(1_000).Ms(),
        PeerCell(peerStat("smallKeystrokeSymbols"), symbolsSmall.Median), "(reported)", "—"));
    var symbolsLarge = large["keystroke → textDocument/documentSymbol"];
    results.Add(new Row("keystroke → documentSymbol answered, 10,000 cards", symbolsLarge.Ms(), bench.Baseline(10_000).Ms(),
        PeerCell(peerStat("largeKeystrokeSymbols"), symbolsLarge.Median), "≤ 20 ms", Results.Verdict(symbolsLarge.Median <= 20)));
    var foldingLarge = large["keystroke → textDocument/foldingRange"];
    results.Add(new Row("keystroke → foldingRange answered, 10,000 cards", foldingLarge.Ms(), bench.Baseline(10_000).Ms(),
        PeerCell(peerStat("largeKeystrokeFolding"), foldingLarge.Median), "(reported)", "—"));
    results.Add(new Row("keystroke → codeLens answered, 10,000 cards", large["keystroke → textDocument/codeLens"].Ms(), bench.Baseline(10_000).Ms(),
        "—", "(reported)", "—", $"with {screen}"));
}

string MachineLine() =>
    $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {(quick ? "--quick" : "full run")}" +
    $"{(flags.Contains("--only-native") ? ", --only-native" : "")}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {clock.Elapsed:mm\\:ss} total";

// The native executable (scripts/publish-native.sh) next to the framework-dependent build, measured in this run: what
// the platform-specific package and the universal one each start. Figures the full run already has are reused.
async Task NativeSection(Stat? coldFramework, (long AfterHundred, long AfterAll, long Peak, int Edits)? memoryFramework,
    (Stat Ours, Stat? Native, Stat Lint, int LintExit)? checkRun, Stat? coldReadyToRun)
{
    if (native is null)
    {
        nativeResults.Note($"No native executable at {setup.NativeExecutable}: run `bash scripts/publish-native.sh` (bench/run.sh does).");
        return;
    }

    Phase("native: cold start");
    var coldNative = await bench.ColdStart(native, setup.Samples(20, 5));
    coldFramework ??= await bench.ColdStart(setup.ServerDll, setup.Samples(20, 5));
    nativeResults.Add(new Row("cold start: spawn → initialize answered", coldNative.Ms(),
        coldFramework.Ms() + (coldReadyToRun is null ? "" : $"<br>(ReadyToRun publish: {coldReadyToRun.Ms()})"), "—",
        "≤ 20 ms and ≤ 0.3× framework-dependent",
        Results.Verdict(coldNative.Median <= 20 && coldNative.Median <= 0.3 * coldFramework.Median),
        $"native is {Results.Ratio(coldNative.Median, coldFramework.Median)} the framework-dependent figure"));

    Phase("native: memory");
    var mbytes = 1024.0 * 1024.0;
    var edits = setup.Samples(1_000, 200);
    var memoryNative = await bench.Memory(10_000, edits, native);
    memoryFramework ??= await bench.Memory(10_000, edits);
    string Rss((long AfterHundred, long AfterAll, long Peak, int Edits) m) =>
        $"{Stat.Number(m.AfterAll / mbytes)} MB after {m.Edits:N0} edits; {Stat.Number(m.AfterHundred / mbytes)} MB after 100 (peak {Stat.Number(m.Peak / mbytes)} MB)";
    nativeResults.Add(new Row($"memory: RSS, 10,000-card deck open and edited {edits:N0} times (a hover after each edit)",
        Rss(memoryNative), Rss(memoryFramework.Value), "—", OpenRows.MemoryTarget, Results.Verdict(OpenRows.MemoryMet(memoryNative)),
        "verdict on the figure after the edits, as in the main table; the peak is reported beside it"));

    if (checkRun is { Native: { } checkNative } run)
    {
        nativeResults.Add(new Row("`decklsp check` on 1,000 files / 100,000 cards, wall clock incl. process start", checkNative.Ms(), run.Ours.Ms(),
            $"{run.Lint.Ms()}<br>native is {Stat.Number(run.Lint.Median / checkNative.Median)}× faster (framework-dependent: {Stat.Number(run.Lint.Median / run.Ours.Median)}×)",
            "≥ 20× faster than markdownlint-cli2", Results.Verdict(run.Lint.Median / checkNative.Median >= 20),
            $"markdownlint-cli2 exited {run.LintExit} (Markdown style findings)"));
    }
    else
    {
        nativeResults.Note("`decklsp check` against markdownlint-cli2: not run (--no-peer).");
    }

    string Size(string path) => File.Exists(path) ? $"{Stat.Number(new FileInfo(path).Length / mbytes)} MB" : "not built (bash scripts/build.sh)";
    var frameworkServer = Path.GetDirectoryName(setup.ServerDll)!;
    var frameworkBytes = Directory.EnumerateFiles(frameworkServer, "*.dll").Sum(f => new FileInfo(f).Length);
    nativeResults.Add(new Row("size: the executable (`artifacts/decklsp-linux-x64/decklsp`)", Size(native),
        $"{Stat.Number(frameworkBytes / mbytes)} MB of assemblies in {Path.GetRelativePath(setup.Repository, frameworkServer)}, plus the .NET runtime", "—", "≤ 40 MB",
        Results.Verdict(new FileInfo(native).Length <= 40 * mbytes), "libe_sqlite3.so (1.4 MB) sits beside it"));
    nativeResults.Add(new Row("size: the platform .vsix (`client/decklsp-linux-x64.vsix`)", Size(setup.PlatformVsix),
        $"universal `client/decklsp.vsix`: {Size(setup.UniversalVsix)}", "—", "≤ 15 MB",
        Results.Verdict(File.Exists(setup.PlatformVsix) ? new FileInfo(setup.PlatformVsix).Length <= 15 * mbytes : null)));
}

// Keystroke → diagnostics published and → hover answered, from 100 to 100,000 cards (22.7 MB, under
// DeckLimits.MaxDeckLength, 32 MiB). A deck over that limit is kept as text and not read, and its row would say so.
async Task<bool> KeystrokeRows()
{
    Phase("keystroke → diagnostics, → hover");
    var published = new Dictionary<int, Stat>();
    var hovered = new Dictionary<int, Stat>();
    var correct = true;
    foreach (var cards in new[] { 100, 1_000, 10_000, 100_000 })
    {
        var baseline = bench.Baseline(cards);
        var (stat, same) = await bench.KeystrokeToDiagnostics(cards, cards >= 50_000 ? setup.Samples(100, 20) : setup.Samples(200, 30));
        var hover = await bench.KeystrokeToHover(cards, cards >= 50_000 ? setup.Samples(100, 20) : setup.Samples(200, 30));
        (published[cards], hovered[cards]) = (stat, hover);
        correct &= same;
        var unread = setup.Deck(cards).Text.Length > DeckLsp.Core.Documents.DeckLimits.MaxDeckLength
            ? $"over DeckLimits.MaxDeckLength ({DeckLsp.Core.Documents.DeckLimits.MaxDeckLength:N0} characters): kept as text, not read"
            : null;
        foreach (var (what, figures) in new[] { ("diagnostics published (debounce 0)", published), ("hover answered (default debounce)", hovered) })
        {
            var figure = figures[cards];
            var previous = cards switch { 10_000 => 1_000, 100_000 => 10_000, _ => 0 };
            var flat = previous > 0 ? figure.Median / figures[previous].Median : double.NaN;
            var cell = $"{figure.Ms()}<br>{Pct(figure.Median, baseline)}" + (previous > 0 ? $"; {Stat.Number(flat)}× the {previous:N0}-card figure" : "");
            var (target, verdict) = cards switch
            {
                10_000 => ("≤ 5% of baseline and ≤ 1.5× the 1,000-card figure", Results.Verdict(figure.Median <= 0.05 * baseline.Median && flat <= 1.5)),
                100_000 when unread is null => ("≤ 1.5× the 10,000-card figure", Results.Verdict(flat <= 1.5)),
                100_000 => ("≤ 1.5× the 10,000-card figure (not judged: the deck is not read)", "—"),
                _ => ("(flatness)", same ? "correct" : "**WRONG**"),
            };
            results.Add(new Row($"keystroke → {what}, {cards:N0} cards", cell, baseline.Ms(), "—", target, verdict, unread ?? ""));
        }
    }

    return correct;
}

static string FindRepository()
{
    for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "DeckLsp.sln")))
        {
            return folder.FullName;
        }
    }

    return Environment.CurrentDirectory;
}

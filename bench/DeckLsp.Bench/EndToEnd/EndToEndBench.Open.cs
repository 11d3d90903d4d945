using DeckLsp.Bench.Report;

namespace DeckLsp.Bench.EndToEnd;

public sealed partial class EndToEndBench
{
    /// <summary>
    /// The first deck opened right after the editor starts the server: spawn → initialize → initialized → didOpen of the
    /// deck → its diagnostics published, a new process each sample. The figure runs from didOpen; spawn → publication is
    /// reported beside it.
    /// </summary>
    public async Task<(Stat FromOpen, Stat FromSpawn, bool Correct, Stat Paired)> FreshOpen(string serverBuild, int cards, int samples)
    {
        var fromOpen = new List<double>();
        var fromSpawn = new List<double>();
        var paired = new List<double>();
        var correct = true;
        Baseline(cards);
        for (var i = 0; i < samples; i++)
        {
            var baseline = PairedBaseline(cards);
            var path = setup.CopyOf(cards);
            var deck = new EditableDeck(path, File.ReadAllText(path), verify: false);
            await using var server = DeckServer.Spawn(setup, serverBuild, setup.TempFile("reviews.db"), "--diagnostics-delay-ms", "0");
            await server.InitializeAsync();
            server.Initialized();
            var sent = server.Open(deck.Uri, deck.Text);
            var published = await server.Published(deck.Uri, 1).WaitAsync(Patience);
            fromOpen.Add(Ticks.Ms(sent, published.Timestamp));
            paired.Add(fromOpen[^1] / baseline);
            fromSpawn.Add(Ticks.Ms(server.Process.Started, published.Timestamp));
            correct &= EditableDeck.Published(published).SequenceEqual(deck.ExpectedDiagnostics());
            await server.ShutDown();
        }

        return (Stat.Of(fromOpen), Stat.Of(fromSpawn), correct, Stat.Of(paired));
    }

    /// <summary>
    /// One Markdig parse of the deck's text timed just before a sample: on a machine whose load changes from minute to
    /// minute, the sample divided by this is a fairer ratio than one against a baseline measured minutes earlier.
    /// </summary>
    public double PairedBaseline(int cards)
    {
        var text = setup.Deck(cards).Text;
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        Markdig.Markdown.Parse(text, DeckLsp.Core.Parsing.DeckPipeline.WithFrontMatter);
        return Ticks.Ms(start, System.Diagnostics.Stopwatch.GetTimestamp());
    }

    /// <summary>
    /// `decklsp check` on the workspace with one server build (wall clock incl. process start), and the process start
    /// alone (`--version`), taking turns.
    /// </summary>
    public async Task<(Stat Check, Stat Start)> CheckAlone(int files, int cards, int samples, string serverBuild)
    {
        var root = setup.Workspace(files, cards);
        var (fileName, prefix) = DeckServer.Command(serverBuild);
        var checks = new List<double>();
        var starts = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            checks.Add((await Run(fileName, [.. prefix, "check", root], root)).Ms);
            starts.Add((await Run(fileName, [.. prefix, "--version"], root)).Ms);
        }

        return (Stat.Of(checks), Stat.Of(starts));
    }
}

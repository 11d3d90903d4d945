using System.Diagnostics;
using System.Text.Json.Nodes;
using DeckLsp.Bench.Report;
using Microsoft.Data.Sqlite;

namespace DeckLsp.Bench.EndToEnd;

public sealed partial class EndToEndBench
{
    /// <summary>
    /// A study session over a deck: deck/rate → the next card answered. After the last answer the server is killed
    /// (SIGKILL) and the database is read: every rating answered must be there.
    /// </summary>
    public async Task<(Stat Stat, int Rated, long Stored)> Review(int cards, int ratings)
    {
        var path = setup.CopyOf(cards);
        var uri = new Uri(path).AbsoluteUri;
        await using var server = await DeckServer.StartAsync(setup, delayMs: 0);
        server.Open(uri, File.ReadAllText(path));
        await server.Published(uri, 1).WaitAsync(Patience);
        var start = await server.Process.Request("deck/startReview", new JsonObject { ["uri"] = uri, ["scope"] = "deck", ["mode"] = "all" })
            .WaitAsync(Patience);
        var session = start.Message["result"]!["sessionId"]!.GetValue<string>();
        var times = new List<double>();
        var rated = 0;
        for (var i = 0; i < ratings; i++)
        {
            var response = await server.Process.Request("deck/rate", new JsonObject { ["sessionId"] = session, ["rating"] = 2 + i % 3 }, out var sent)
                .WaitAsync(Patience);
            if (response.Message["error"] is { } error)
            {
                throw new InvalidOperationException($"deck/rate failed: {error.ToJsonString()}");
            }

            times.Add(Ticks.Ms(sent, response.Timestamp));
            rated++;
            if (response.Message["result"]!["card"] is null)
            {
                break;
            }
        }

        server.Process.Kill();
        await server.DisposeAsync();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = server.Database, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM events WHERE line LIKE 'r	%'";
        var stored = (long)(await count.ExecuteScalarAsync())!;
        return (Stat.Of(times), rated, stored);
    }

    /// <summary>
    /// `decklsp check` (the normal build, and the native executable when given) and `markdownlint-cli2` on the same
    /// workspace, wall clock per run, each as its user starts it; the runs take turns.
    /// </summary>
    public async Task<(Stat Ours, Stat? Native, Stat Lint, int LintExit)> Check(int files, int cards, int samples, string? native = null)
    {
        var root = setup.Workspace(files, cards);
        var ours = new List<double>();
        var natives = new List<double>();
        var lint = new List<double>();
        var lintExit = 0;
        var markdownlint = Path.Combine(setup.PeerFolder, "node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs");
        for (var i = 0; i < samples; i++)
        {
            ours.Add((await Run("dotnet", [setup.ServerDll, "check", root], root)).Ms);
            if (native is not null)
            {
                natives.Add((await Run(native, ["check", root], root)).Ms);
            }

            var (ms, exit) = await Run("node", [markdownlint, "**/*.deck.md"], root);
            lint.Add(ms);
            lintExit = exit;
        }

        return (Stat.Of(ours), native is null ? null : Stat.Of(natives), Stat.Of(lint), lintExit);
    }

    /// <summary>The peer: bench/peer/peer-bench.mjs drives VS Code's Markdown language server and prints its figures.</summary>
    public async Task<JsonObject?> Peer(int small, int large, int keystrokes, int smallKeystrokes, int opens, int memoryEdits)
    {
        var arguments = new JsonObject
        {
            ["decks"] = new JsonObject { [small.ToString()] = setup.Deck(small).Path, [large.ToString()] = setup.Deck(large).Path },
            ["small"] = small.ToString(),
            ["large"] = large.ToString(),
            ["keystrokes"] = keystrokes,
            ["smallKeystrokes"] = smallKeystrokes,
            ["opens"] = opens,
            ["memoryEdits"] = memoryEdits,
        };
        var info = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(setup.PeerFolder, "peer-bench.mjs"), arguments.ToJsonString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = setup.PeerFolder,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine($"  the peer failed ({process.ExitCode}): {await error}");
            return null;
        }

        return JsonNode.Parse((await output).Trim().Split('\n')[^1])?.AsObject();
    }

    private static async Task<(double Ms, int Exit)> Run(string fileName, IEnumerable<string> arguments, string folder)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var start = Stopwatch.GetTimestamp();
        using var process = Process.Start(info)!;
        var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync();
        var ms = Ticks.Ms(start, Stopwatch.GetTimestamp());
        await drain;
        return (ms, process.ExitCode);
    }
}

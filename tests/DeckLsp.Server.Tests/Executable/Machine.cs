using System.Diagnostics;
using System.Text.Json;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Tests.Protocol;

namespace DeckLsp.Server.Tests.Executable;

/// <summary>
/// One machine of a multi-machine test: a clone of a git repository of decks, its own user data folder (history cache,
/// device name) and device name, and the real server process started as that machine would start it.
/// </summary>
internal sealed class Machine(string device, string clone, string dataHome)
{
    public string Device { get; } = device;

    public string Clone { get; } = clone;

    public string DataHome { get; } = dataHome;

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["XDG_DATA_HOME"] = DataHome,
        ["DECKLSP_DEVICE"] = Device,
    };

    /// <summary>A bare repository standing in for the remote both machines push to, holding <paramref name="decks"/> (path → text).</summary>
    public static string Origin(string folder, IReadOnlyDictionary<string, string> decks)
    {
        var origin = Path.Combine(folder, "origin.git");
        RunGit(folder, "init", "--bare", "--initial-branch=main", origin);
        var seed = Path.Combine(folder, "seed");
        RunGit(folder, "clone", origin, seed);
        foreach (var (path, text) in decks)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(seed, path))!);
            File.WriteAllText(Path.Combine(seed, path), text);
        }

        RunGit(seed, "add", "-A");
        RunGit(seed, "commit", "-m", "Decks");
        RunGit(seed, "push", "origin", "HEAD:main");
        return origin;
    }

    /// <summary>A machine with a fresh clone of <paramref name="origin"/> and a user data folder of its own.</summary>
    public static Machine CloneOf(string folder, string origin, string device)
    {
        var clone = Path.Combine(folder, device, "decks");
        Directory.CreateDirectory(Path.GetDirectoryName(clone)!);
        RunGit(folder, "clone", origin, clone);
        return new Machine(device, clone, Path.Combine(folder, device, "data"));
    }

    public string Deck(string path) => Path.Combine(Clone, path);

    public string Uri(string path) => new Uri(Deck(path)).AbsoluteUri;

    /// <summary>git in the clone; fails the test with git's own words when git fails.</summary>
    public string Git(params string[] args) => RunGit(Clone, args);

    /// <summary>Commits everything (decks and history) and merges what the other machines pushed, then pushes.</summary>
    public void Sync(string message)
    {
        Git("add", "-A");
        if (Git("status", "--porcelain").Length > 0)
        {
            Git("commit", "-m", message);
        }

        Git("pull", "--no-rebase", "--no-edit", "origin", "main");
        Git("push", "origin", "HEAD:main");
    }

    public async Task<Session> ServeAsync(object? initializationOptions = null)
    {
        var server = ServerProcess.Start(Environment);
        server.Rpc.StartListening();
        await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.Initialize, new
        {
            processId = System.Environment.ProcessId,
            rootUri = new Uri(Clone).AbsoluteUri,
            capabilities = new { },
            initializationOptions,
        }).WaitAsync(ServerProcess.Patience);
        await server.Rpc.NotifyWithParameterObjectAsync(Methods.Initialized, new { });
        return new Session(this, server);
    }

    /// <summary><c>decklsp stats --json</c> over the clone, run as a process of this machine.</summary>
    public JsonElement Stats()
    {
        var start = ServerUnderTest.StartInfo(["stats", "--json", Clone]);
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"decklsp stats exited {process.ExitCode}: {error.Result}");
        return JsonDocument.Parse(output).RootElement.GetProperty("decks");
    }

    private static string RunGit(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Commits need a name; nothing of the user's git configuration may take part.
        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "DeckLsp tests";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "tests@decklsp.invalid";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)} failed ({process.ExitCode}) in {folder}:\n{output}\n{error}");
        return output;
    }

    /// <summary>The machine's server, spoken to as an editor would.</summary>
    internal sealed class Session(Machine machine, ServerProcess server) : IAsyncDisposable
    {
        private int _version = 1;

        public ServerProcess Server { get; } = server;

        public Task OpenAsync(string path) => Server.Rpc.NotifyWithParameterObjectAsync(Methods.DidOpen, new DidOpenTextDocumentParams
        {
            TextDocument = new TextDocumentItem { Uri = machine.Uri(path), Version = 1, Text = File.ReadAllText(machine.Deck(path)) },
        });

        /// <summary>Replaces <paramref name="find"/> with <paramref name="replace"/> as a keystroke-sized edit, and saves the file.</summary>
        public async Task EditAsync(string path, string find, string replace)
        {
            var text = File.ReadAllText(machine.Deck(path));
            var at = text.IndexOf(find, StringComparison.Ordinal);
            Assert.True(at >= 0, $"`{find}` is not in {path}");
            var (line, character) = Position(text, at);
            var (endLine, endCharacter) = Position(text, at + find.Length);
            await Server.Rpc.NotifyWithParameterObjectAsync(Methods.DidChange, new DidChangeTextDocumentParams
            {
                TextDocument = new VersionedTextDocumentIdentifier { Uri = machine.Uri(path), Version = ++_version },
                ContentChanges =
                [
                    new TextDocumentContentChangeEvent
                    {
                        Range = new DeckLsp.Server.Protocol.Range { Start = new Position { Line = line, Character = character }, End = new Position { Line = endLine, Character = endCharacter } },
                        Text = replace,
                    },
                ],
            });
            File.WriteAllText(machine.Deck(path), string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length)));
            await Server.Rpc.NotifyWithParameterObjectAsync(Methods.DidSave, new { textDocument = new { uri = machine.Uri(path) } });
        }

        public Task<JsonElement> StartAsync(string path, string mode = "all") =>
            Request(Methods.StartReview, new { uri = machine.Uri(path), scope = "deck", mode });

        public Task<JsonElement> RateAsync(JsonElement step, int rating) =>
            Request(Methods.Rate, new { sessionId = step.GetProperty("sessionId").GetString(), rating, durationMs = 2500 });

        public Task<JsonElement> UndoAsync(JsonElement step) =>
            Request(Methods.Undo, new { sessionId = step.GetProperty("sessionId").GetString() });

        /// <summary>Rates the cards of the deck in session order with <paramref name="ratings"/>, one each; returns the last step.</summary>
        public async Task<JsonElement> StudyAsync(string path, params int[] ratings)
        {
            var step = await StartAsync(path);
            foreach (var rating in ratings)
            {
                step = await RateAsync(step, rating);
            }

            return step;
        }

        /// <summary>The history part of each card's hover (ratings, stability, difficulty), by question line; "new" for a card without.</summary>
        public async Task<IReadOnlyList<string>> HistoriesAsync(string path)
        {
            var lines = File.ReadAllLines(machine.Deck(path));
            var result = new List<string>();
            for (var line = 0; line < lines.Length; line++)
            {
                if (!lines[line].StartsWith("Q: ", StringComparison.Ordinal))
                {
                    continue;
                }

                var hover = await Request(Methods.Hover, new { textDocument = new { uri = machine.Uri(path) }, position = new { line, character = 0 } });
                var text = hover.GetProperty("contents").GetProperty("value").GetString()!;
                var history = text[(text.LastIndexOf("---", StringComparison.Ordinal) + 3)..].Trim();
                // What is due and how likely it is recalled depend on the clock; what was learnt does not.
                result.Add(history.StartsWith("new", StringComparison.Ordinal)
                    ? $"{line}: new"
                    : $"{line}: {history[history.IndexOf("last ratings", StringComparison.Ordinal)..history.IndexOf(" · retrievability", StringComparison.Ordinal)]}");
            }

            return result;
        }

        // The lenses as an editor shows them: each resolved after textDocument/codeLens gave its range and data.
        public async Task<string[]> LensTitlesAsync(string path)
        {
            var lenses = (await Request(Methods.CodeLens, new { textDocument = new { uri = machine.Uri(path) } })).EnumerateArray();
            var resolved = await Task.WhenAll(lenses.Select(lens => Request(Methods.CodeLensResolve, lens)));
            return resolved.Select(l => l.GetProperty("command").GetProperty("title").GetString()!).ToArray();
        }

        public Task NotifyLogsChangedAsync() => Server.Rpc.NotifyWithParameterObjectAsync(Methods.DidChangeWatchedFiles, new
        {
            changes = Directory.GetFiles(Path.Combine(machine.Clone, ".decklsp", "history"), "*.log")
                .Select(log => new { uri = new Uri(log).AbsoluteUri, type = 2 }).ToArray(),
        });

        public Task<JsonElement> Request(string method, object parameters) =>
            Server.Rpc.InvokeWithParameterObjectAsync<JsonElement>(method, parameters).WaitAsync(ServerProcess.Patience);

        public async ValueTask DisposeAsync()
        {
            try
            {
                await Server.Rpc.InvokeAsync<object?>(Methods.Shutdown).WaitAsync(ServerProcess.Patience);
                await Server.Rpc.NotifyAsync(Methods.Exit);
                await Server.WaitForExitAsync();
            }
            finally
            {
                Server.Dispose();
            }
        }

        private static (int Line, int Character) Position(string text, int offset)
        {
            var line = text.AsSpan(0, offset).Count('\n');
            return (line, offset - (text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1));
        }
    }
}

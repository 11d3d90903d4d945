using System.Diagnostics;
using DeckLsp.Server.Workspace;
using Microsoft.Extensions.Logging.Abstractions;

namespace DeckLsp.Server.Tests.Workspace;

/// <summary>One bad file in a workspace must not stop the index (the server indexes at every start).</summary>
public sealed class WorkspaceIndexTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("decklsp-index-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Decks_the_parser_fails_on_are_indexed_and_a_fifo_is_skipped()
    {
        var yaml = Write("yaml.deck.md", "---\ntitle: " + new string('[', 30_000) + "\n---\n\nQ: y\nA: 1\n");
        var quotes = Write("quotes.deck.md", "Q: a\nA: b\n\n" + new string('>', 200) + " x\n\nQ: c\nA: d\n");
        var fine = Write("fine.deck.md", "Q: e\nA: f\n");
        var fifo = Path.Combine(_root, "pipe.deck.md");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
        }

        var index = new WorkspaceIndex(NullLogger<WorkspaceIndex>.Instance);
        await Task.Run(() => index.Build([yaml, quotes, fine, fifo], progress: null, CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["y"], index.Get(yaml)!.Cards.Select(c => c.Title));
        Assert.Equal(["a", "c"], index.Get(quotes)!.Cards.Select(c => c.Title));
        Assert.Equal(["e"], index.Get(fine)!.Cards.Select(c => c.Title));
        Assert.Null(index.Get(fifo));
    }
}

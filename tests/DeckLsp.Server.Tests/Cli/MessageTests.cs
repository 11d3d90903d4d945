using DeckLsp.Server.Tests.History;
using DeckLsp.Server.Tests.Interop;
using static DeckLsp.Server.Tests.Interop.InteropCli;

namespace DeckLsp.Server.Tests.Cli;

/// <summary>
/// Defect 11 on the command line: every error says which file, what was wrong and what to do, tells what was written
/// and what was not, and never shows an exception's type or a stack trace.
/// </summary>
public sealed class MessageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_deck_that_cannot_be_put_in_place_says_so_and_its_history_waits_for_it()
    {
        var source = Path.Combine(_folder.Path, "deep.apkg");
        new AnkiPackageBuilder().Deck(5, "D").Note(1, "g1", AnkiPackageBuilder.BasicType, ["q", "a"]).Card(1, 1, 5)
            .Review(1, new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero), ease: 3).Write(source);
        var database = Path.Combine(_folder.Path, "reviews.db");
        // A folder where the deck should go: everything is staged, and the rename fails. The history (append-only, so
        // written only once the deck is in place) is not written, and the message does not pretend otherwise.
        var deck = Directory.CreateDirectory(Path.Combine(_folder.Path, "deep.deck.md")).FullName;

        var (code, _, error) = await Run("import", source, "-o", deck, "--db", database);
        Assert.Empty(HistoryProbe.DatabaseEvents(database).OfType<Core.History.RatingEvent>());
        Directory.Delete(deck);
        var (again, output, againError) = await Run("import", source, "-o", deck, "--db", database);

        Assert.Equal(2, code);
        Assert.Contains($"{deck} could not be put in place", error);
        Assert.Contains("nothing was written", error);
        Assert.True(again == 0, againError);
        Assert.Contains("1 review of 1 card", output);
        Assert.Single(HistoryProbe.DatabaseEvents(database).OfType<Core.History.RatingEvent>());
    }

    public static TheoryData<string, string[]> UnusualCommands => new()
    {
        { "import", ["import", ""] },
        { "import", ["import", "{folder}"] },
        { "export", ["export", "{deck}", "--format", "tsv", "-o", "{folder}"] },
        { "export", ["export", "{deck}", "--format", "tsv", "-o", "{folder}/missing/out.tsv"] },
    };

    // A NUL inside an argument reaches the command line only in-process: a process's arguments are C strings, which end
    // at the first NUL, so the executable never sees one.
    public static TheoryData<string, string[]> PathsWithNul => new()
    {
        { "import", ["import", "cards\0.csv"] },
        { "export", ["export", "{deck}", "--format", "tsv", "-o", "out\0.tsv"] },
        { "check", ["check", "deck\0.deck.md"] },
        { "stats", ["stats", "{deck}", "--db", "db\0.db"] },
    };

    [Theory]
    [MemberData(nameof(PathsWithNul))]
    [Trait("Server", DeckLsp.Server.Tests.Executable.ServerUnderTest.InProcessOnly)]
    public Task A_path_holding_a_nul_gets_a_sentence_naming_it_not_a_stack_trace(string command, string[] arguments) =>
        An_unusual_path_gets_a_sentence_naming_it_not_a_stack_trace(command, arguments);

    [Theory]
    [MemberData(nameof(UnusualCommands))]
    public async Task An_unusual_path_gets_a_sentence_naming_it_not_a_stack_trace(string command, string[] arguments)
    {
        var deck = _folder.Write("plain.deck.md", "Q: a\n\nA: b\n");
        var args = arguments.Select(a => a.Replace("{deck}", deck).Replace("{folder}", _folder.Path)).ToArray();

        var (code, _, error) = await Run(args);

        Assert.Equal(2, code);
        Assert.StartsWith($"decklsp {command}: ", error);
        Assert.DoesNotContain("Exception", error);
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain(".tmp", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Export_into_a_missing_folder_says_the_folder_is_missing()
    {
        var deck = _folder.Write("plain.deck.md", "Q: a\n\nA: b\n");
        var output = Path.Combine(_folder.Path, "missing", "out.tsv");

        var (_, _, error) = await Run("export", deck, "--format", "tsv", "-o", output);

        Assert.Equal($"decklsp export: cannot write {output}: its folder does not exist; create it or choose another output file.\n", error.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task Import_of_a_folder_says_it_is_a_folder()
    {
        var (_, _, error) = await Run("import", _folder.Path);

        Assert.Contains($"{_folder.Path} is a folder: name the file to import", error);
    }
}

using System.Diagnostics;
using System.Text.Json;
using DeckLsp.Server.Cli;
using DeckLsp.Server.Workspace;

namespace DeckLsp.Server.Tests.Cli;

/// <summary>`decklsp check`: output format, exit codes, path expansion, JSON, and the real executable.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("decklsp-check-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Sample_deck_passes_with_nine_cards()
    {
        var (code, output, _) = await CliRun.Run("check", Path.Combine(TestPaths.RepositoryRoot, "samples"));

        Assert.Equal(0, code);
        Assert.Equal("1 deck, 9 cards: 0 errors, 0 warnings", output.Trim());
    }

    [Fact]
    public async Task Error_is_printed_with_one_based_position_and_exits_1()
    {
        var path = Write("bad.deck.md", "# Deck\n\nQ: no answer here\n");

        var (code, output, _) = await CliRun.Run("check", path);

        Assert.Equal(1, code);
        Assert.StartsWith($"{path}:3:1: error DECK001: This question has no answer", output);
        Assert.EndsWith("1 deck, 1 card: 1 error, 0 warnings", output.Trim());
    }

    [Fact]
    public async Task Warnings_alone_exit_0()
    {
        var path = Write("warn.deck.md", "q: lower\n\nQ: a\nA: b\n");

        var (code, output, _) = await CliRun.Run("check", path);

        Assert.Equal(0, code);
        Assert.Contains($"{path}:1:1: warning DECK007:", output);
    }

    [Fact]
    public async Task Folder_is_searched_for_decks_skipping_tool_folders()
    {
        Write("decks/a.deck.md", "Q: a\nA: b\n");
        Write("decks/sub/b.deck.md", "Q: c\nA: d\n");
        Write("decks/notes.md", "Q: not a deck\n");
        Write("decks/node_modules/x.deck.md", "Q: ignored\n");

        var (code, output, _) = await CliRun.Run("check", Path.Combine(_root, "decks"));

        Assert.Equal(0, code);
        Assert.Equal("2 decks, 2 cards: 0 errors, 0 warnings", output.Trim());
    }

    [Fact]
    public async Task Glob_selects_matching_decks()
    {
        Write("g/one.deck.md", "Q: a\n");
        Write("g/two.deck.md", "Q: b\nA: c\n");

        var (code, output, _) = await CliRun.Run("check", Path.Combine(_root, "g", "o*.deck.md"));

        Assert.Equal(1, code);
        Assert.Contains("one.deck.md:1:1: error DECK001", output);
        Assert.DoesNotContain("two.deck.md", output);
    }

    [Fact]
    public async Task Deck_nested_too_deep_for_the_parser_is_reported_and_the_other_decks_are_checked()
    {
        var deep = Write("deep/deep.deck.md", "Q: a\nA: b\n\n" + new string('>', 200) + " x\n\nQ: lonely\n");
        Write("deep/fine.deck.md", "Q: c\nA: d\n");

        var (code, output, error) = await CliRun.Run("check", Path.Combine(_root, "deep"));

        Assert.Equal(1, code);
        Assert.Equal("", error);
        Assert.Contains($"{deep}:4:1: error DECK016: This part of the deck could not be read", output);
        Assert.Contains($"{deep}:6:1: error DECK001", output);
        Assert.EndsWith("2 decks, 3 cards: 2 errors, 0 warnings", output.Trim());
    }

    [Fact]
    public async Task Deck_that_is_not_valid_utf8_gets_DECK018_at_the_first_bad_byte()
    {
        var path = Path.Combine(_root, "latin1.deck.md");
        File.WriteAllBytes(path, [.. "Q: 😀 caf"u8, 0xE9, .. "\nA: b \u00e9\n"u8, 0xFF]);

        var (code, output, _) = await CliRun.Run("check", path);

        Assert.Equal(1, code);
        Assert.StartsWith($"{path}:1:10: error DECK018: This file is not valid UTF-8: byte 0xE9 at byte offset 11", output);
        Assert.Contains("1 deck, 1 card: 1 error", output);
    }

    [Fact]
    public async Task Device_is_refused_with_a_clear_error_instead_of_read_without_end()
    {
        var (code, output, error) = await CliRun.Run("check", "/dev/zero");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("decklsp check: cannot read /dev/zero: it is larger than", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task Fifo_is_refused_with_a_clear_error_instead_of_waiting_for_a_writer()
    {
        var fifo = Path.Combine(_root, "pipe.deck.md");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
        }

        var (code, output, error) = await Task.Run(() => CliRun.Run("check", fifo)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains($"decklsp check: cannot read {fifo}: it is not a regular file", error);
    }

    // The files are read on all cores at once: the report must still follow the files' order, and of several files
    // that cannot be read, the first named is the one reported, as when they were read one after another.
    [Fact]
    public async Task Many_decks_are_reported_in_file_order()
    {
        var paths = Enumerable.Range(0, 40).Select(i => Write($"many/d{i:D2}.deck.md", $"# Deck {i}\n\nQ: no answer {i}\n")).ToList();

        var (code, output, _) = await CliRun.Run("check", Path.Combine(_root, "many"));

        Assert.Equal(1, code);
        var reported = output.Split('\n').Where(line => line.Contains("DECK001")).Select(line => line[..line.IndexOf(':')]).ToList();
        Assert.Equal(paths, reported);
    }

    [Fact]
    public async Task Of_several_unreadable_files_the_first_given_is_named()
    {
        var good = Write("good.deck.md", "Q: a\nA: b\n");
        var first = Path.Combine(_root, "first.deck.md");
        var second = Path.Combine(_root, "second.deck.md");
        foreach (var path in new[] { first, second })
        {
            using var file = File.Create(path);
            file.SetLength(DeckFileReader.MaxFileBytes + 1);
        }

        var (code, output, error) = await CliRun.Run("check", good, second, first);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains($"decklsp check: cannot read {second}:", error);
        Assert.DoesNotContain(first, error);
    }

    [Fact]
    public async Task File_over_the_size_limit_is_refused_before_it_is_read()
    {
        var path = Path.Combine(_root, "huge.deck.md");
        using (var file = File.Create(path))
        {
            file.SetLength(DeckFileReader.MaxFileBytes + 1);
        }

        var (code, _, error) = await CliRun.Run("check", path);

        Assert.Equal(2, code);
        Assert.Contains($"decklsp check: cannot read {path}: it is larger than 96 MiB", error);
    }

    [Fact]
    public async Task Missing_path_is_a_usage_error_with_a_clear_message()
    {
        var (code, output, error) = await CliRun.Run("check", Path.Combine(_root, "nope"));

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("no such file or folder", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("check", "--format", "xml", ".")]
    [InlineData("frobnicate")]
    public async Task Bad_arguments_are_usage_errors(params string[] args)
    {
        var (code, _, error) = await CliRun.Run(args);

        Assert.Equal(2, code);
        Assert.NotEqual("", error);
    }

    [Fact]
    public async Task Missing_link_target_is_checked_against_the_deck_folder()
    {
        Write("l/img/there.png", "");
        var path = Write("l/links.deck.md", "Q: a\nA: ![ok](img/there.png) ![no](img/gone.png)\n");

        var (code, output, _) = await CliRun.Run("check", path);

        Assert.Equal(0, code);
        Assert.Contains($"{path}:2:31: warning DECK015: The image target `img/gone.png` does not exist", output);
        Assert.DoesNotContain("there.png", output);
    }

    [Fact]
    public async Task Json_format_has_files_cards_and_zero_based_ranges()
    {
        var path = Write("j.deck.md", "Q: a\nA: b\n\nQ: lonely\n");

        var (code, output, _) = await CliRun.Run("check", "--format", "json", path);

        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(output);
        var file = json.RootElement.GetProperty("files")[0];
        Assert.Equal(path, file.GetProperty("path").GetString());
        Assert.Equal(2, file.GetProperty("cards").GetInt32());
        var diagnostic = file.GetProperty("diagnostics")[0];
        Assert.Equal("DECK001", diagnostic.GetProperty("code").GetString());
        Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
        Assert.Equal(3, diagnostic.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        Assert.Equal(0, diagnostic.GetProperty("range").GetProperty("start").GetProperty("character").GetInt32());
        Assert.Equal(2, diagnostic.GetProperty("range").GetProperty("end").GetProperty("character").GetInt32());
    }

    [Fact]
    public async Task Real_executable_checks_the_samples()
    {
        var server = Path.Combine(AppContext.BaseDirectory, "DeckLsp.Server.dll");
        var start = new ProcessStartInfo("dotnet", [server, "check", Path.Combine(TestPaths.RepositoryRoot, "samples")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Equal("1 deck, 9 cards: 0 errors, 0 warnings", output.Trim());
    }
}

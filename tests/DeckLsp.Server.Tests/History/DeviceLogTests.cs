using System.Text;
using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using DeckLsp.Server.History;

namespace DeckLsp.Server.Tests.History;

/// <summary>A device's log on disk: written whole lines at a time, read from where the last read stopped, never torn for good.</summary>
public sealed class DeviceLogTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string LogPath => Path.Combine(_folder.Path, ".decklsp", "history", "laptop.log");

    private DeviceLog Log() => new(LogPath, "laptop");

    private static RatingEvent Rating(int minutes, string card = "~aaaaaaaaaaaa", int rating = 4) =>
        new(default, Start.AddMinutes(minutes), new ReviewKey(new DeckKey("p0000000001"), new CardKey(card)), rating, 1500);

    [Fact]
    public void Appended_events_are_numbered_after_a_header_and_read_back_as_written()
    {
        var written = Log().Append([Rating(0), Rating(1, rating: 2)]);

        var read = DeviceLog.Read(LogPath, "laptop");

        Assert.Equal([1L, 2L], written.Select(e => e.Id.Sequence));
        Assert.Equal(written, read.Events);
        Assert.Empty(read.Problems);
        Assert.Equal(0, read.Incomplete);
        var lines = File.ReadAllLines(LogPath);
        Assert.Equal(HistoryLine.Header, lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Equal(new FileInfo(LogPath).Length, read.Next);
    }

    [Fact]
    public void Appending_creates_nothing_in_the_repository_but_the_log()
    {
        var locks = Path.Combine(_folder.Path, "locks");
        new DeviceLog(LogPath, "laptop", locks).Append([Rating(0)]);

        Assert.Equal([LogPath], Directory.GetFiles(Path.Combine(_folder.Path, ".decklsp"), "*", SearchOption.AllDirectories));
        Assert.Single(Directory.GetFiles(locks, "*.lock"));
    }

    [Fact]
    public void A_read_from_where_the_last_stopped_gives_only_the_new_lines()
    {
        Log().Append([Rating(0), Rating(1)]);
        var first = DeviceLog.Read(LogPath, "laptop");
        Log().Append([Rating(2)]);

        var next = DeviceLog.Read(LogPath, "laptop", first.Next, first.NextLine, first.Anchor);

        Assert.False(next.Rewritten);
        Assert.Equal([3L], next.Events.Select(e => e.Id.Sequence));
        Assert.Equal(4, next.NextLine);
    }

    [Fact]
    public void A_torn_last_line_is_skipped_by_readers_and_cut_off_by_the_next_append()
    {
        Log().Append([Rating(0), Rating(1)]);
        var torn = Encoding.UTF8.GetBytes(HistoryLine.Format(Rating(2) with { Id = new EventId("laptop", 3) }))[..20];
        using (var file = new FileStream(LogPath, FileMode.Append))
        {
            file.Write(torn);
        }

        var read = DeviceLog.Read(LogPath, "laptop");
        Assert.Equal([1L, 2L], read.Events.Select(e => e.Id.Sequence));
        Assert.Equal(torn.Length, read.Incomplete);

        var warnings = new List<string>();
        var written = Log().Append([Rating(3)], warnings.Add);

        Assert.Equal(3, written.Single().Id.Sequence);
        Assert.Contains("incomplete line", Assert.Single(warnings));
        var repaired = DeviceLog.Read(LogPath, "laptop");
        Assert.Equal([1L, 2L, 3L], repaired.Events.Select(e => e.Id.Sequence));
        Assert.Equal(0, repaired.Incomplete);
        Assert.Empty(repaired.Problems);
    }

    [Fact]
    public void A_line_that_does_not_read_is_named_by_its_number_and_the_others_are_kept()
    {
        Log().Append([Rating(0)]);
        File.AppendAllText(LogPath, "r\tnot a line\n");
        File.AppendAllBytes(LogPath, [0xC3, 0x28, (byte)'\n']);
        Log().Append([Rating(1)]);

        var read = DeviceLog.Read(LogPath, "laptop");

        Assert.Equal([1L, 2L], read.Events.Select(e => e.Id.Sequence));
        Assert.Equal([3L, 4L], read.Problems.Select(p => p.Line));
        Assert.Equal("not valid UTF-8", read.Problems[1].Problem);
    }

    [Fact]
    public void A_log_rewritten_under_a_reader_is_noticed()
    {
        Log().Append([Rating(0), Rating(1)]);
        var first = DeviceLog.Read(LogPath, "laptop");

        // Same length, other bytes before the offset: not an append.
        var text = File.ReadAllText(LogPath);
        File.WriteAllText(LogPath, text.Replace("\t4\t1500\n", "\t5\t1500\n"));
        Assert.True(DeviceLog.Read(LogPath, "laptop", first.Next, first.NextLine, first.Anchor).Rewritten);

        File.WriteAllText(LogPath, HistoryLine.Header + "\n");
        Assert.True(DeviceLog.Read(LogPath, "laptop", first.Next, first.NextLine, first.Anchor).Rewritten);
    }

    [Fact]
    public async Task Appenders_on_many_threads_lose_nothing_and_never_reuse_a_sequence_number()
    {
        const int Threads = 8;
        const int Each = 40;
        await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(() =>
        {
            // Each thread its own log object, as two windows would have: the lock is the file's, not the object's.
            var log = Log();
            for (var i = 0; i < Each; i++)
            {
                log.Append([Rating(i, $"~{thread:x12}")]);
            }
        })));

        var read = DeviceLog.Read(LogPath, "laptop");
        Assert.Equal(Threads * Each, read.Events.Count);
        Assert.Equal(Enumerable.Range(1, Threads * Each).Select(n => (long)n), read.Events.Select(e => e.Id.Sequence));
        Assert.Empty(read.Problems);
    }

    [Theory]
    [InlineData("laptop.log", "laptop")]
    [InlineData("a-b_c.1.log", "a-b_c.1")]
    [InlineData(".hidden.log", null)]
    [InlineData("laptop.lock", null)]
    [InlineData("bad name.log", null)]
    public void The_device_is_the_log_files_name(string file, string? device) =>
        Assert.Equal(device, DeviceLog.DeviceOf(Path.Combine("/x/.decklsp/history", file)));
}

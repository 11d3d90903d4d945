using DeckLsp.Core.History;
using DeckLsp.Core.Identity;

namespace DeckLsp.Core.Tests.History;

/// <summary>The log's line format: each kind written and read back, the size of a rating, and lines that are refused.</summary>
public class HistoryLineCases
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 30, 15, 123, TimeSpan.Zero);
    private static readonly DeckKey Deck = new("p0123456789");

    public static TheoryData<string, HistoryEvent, string> Written => new()
    {
        { "a rating", new RatingEvent(new("laptop", 7), At, new ReviewKey(Deck, new CardKey("~a1b2c3d4e5f6")), 4, 5321), "r\t7\t2026-12-01T09:30:15.123Z\tp0123456789\t~a1b2c3d4e5f6\t4\t5321" },
        { "a cram rating of a deletion", new RatingEvent(new("laptop", 8), At, new ReviewKey(Deck, new CardKey("bptt"), 2), 1, 0, Cram: true), "r\t8\t2026-12-01T09:30:15.123Z\tp0123456789\tbptt#c2\t1\t0\tc" },
        { "a rating of a reverse direction", new RatingEvent(new("laptop", 10), At, new ReviewKey(Deck, new CardKey("hund"), Reverse: true), 3, 2100), "r\t10\t2026-12-01T09:30:15.123Z\tp0123456789\thund#r\t3\t2100" },
        { "a balanced day", new BalancedEvent(new("laptop", 8), At, new ReviewKey(Deck, new CardKey("bptt"), 2), 7, 12), "b\t8\t2026-12-01T09:30:15.123Z\tp0123456789\tbptt#c2\t7\t12" },
        { "an undo", new UndoEvent(new("laptop", 9), At, new ReviewKey(Deck, new CardKey("bptt")), new EventId("laptop", 7)), "u\t9\t2026-12-01T09:30:15.123Z\tp0123456789\tbptt\tlaptop\t7" },
        { "a card seen", new CardSeenEvent(new("laptop", 10), At, Deck, new CardKey("~a1b2c3d4e5f6"), 0x0123456789abcdef, 0xfedcba9876543210), "k\t10\t2026-12-01T09:30:15.123Z\tp0123456789\t~a1b2c3d4e5f6\t0123456789abcdef\tfedcba9876543210" },
        { "a deck placed at a path with a tab", new DeckPlacedEvent(new("laptop", 11), At, DeckKey.OfId("rnn"), "decks/odd\tname\\x.deck.md"), "d\t11\t2026-12-01T09:30:15.123Z\tid:rnn\tdecks/odd\\tname\\\\x.deck.md" },
        { "a key moved", new KeyMovedEvent(new("laptop", 12), At, Deck, new CardKey("~a1b2c3d4e5f6"), new CardKey("bptt")), "m\t12\t2026-12-01T09:30:15.123Z\tp0123456789\t~a1b2c3d4e5f6\tbptt" },
        { "parameters", new ParametersEvent(new("laptop", 13), At, [.. Enumerable.Range(0, 21).Select(i => i / 10.0)]),
            "p\t13\t2026-12-01T09:30:15.123Z\t0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1,1.1,1.2,1.3,1.4,1.5,1.6,1.7,1.8,1.9,2" },
    };

    [Theory]
    [MemberData(nameof(Written))]
    public void Each_event_is_written_as_one_line_and_read_back_as_itself(string what, HistoryEvent written, string line)
    {
        Assert.Equal(line, HistoryLine.Format(written));
        var (read, problem) = HistoryLine.Parse("laptop", line);
        Assert.True(problem is null, $"{what}: {problem}");
        Assert.Equal(written, read);
    }

    [Fact]
    public void A_rating_with_a_long_device_name_and_keys_stays_within_150_bytes()
    {
        var rating = new RatingEvent(new("a-workstation-name-of-forty-characters-x", 1_234_567), At,
            new ReviewKey(new DeckKey("p0123456789"), new CardKey("~0123456789ab"), 12), 5, 59_999);
        var bytes = System.Text.Encoding.UTF8.GetByteCount(HistoryLine.Format(rating) + "\n");
        Assert.True(bytes <= 150, $"a rating takes {bytes} bytes");
    }

    [Fact]
    public void Times_are_kept_to_the_millisecond_in_UTC()
    {
        var local = new DateTimeOffset(2026, 12, 1, 10, 30, 15, 123, TimeSpan.FromHours(1)).AddTicks(4567);
        var line = HistoryLine.Format(new RatingEvent(new("d", 1), local, new ReviewKey(Deck, new CardKey("x")), 3, 1));
        var (read, _) = HistoryLine.Parse("d", line);
        Assert.Equal(HistoryLine.Truncate(local), read!.At);
        Assert.Equal(TimeSpan.Zero, read.At.Offset);
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "r\t7\t2026-12-01T09:30:15.123Z\tp0\t~a\t4", "fields" },
        { "p\t7\t2026-12-01T09:30:15.123Z\t0.1,0.2", "21 parameters" },
        { "p\t7\t2026-12-01T09:30:15.123Z\t0.1,x,0.2", "`x` is not a parameter" },
        { "p\t7\t2026-12-01T09:30:15.123Z\tNaN,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0", "`NaN` is not a parameter" },
        { "r\t7\t2026-12-01T09:30:15.123Z\tp0\t~a\t6\t100", "rating 6" },
        { "r\t7\t2026-12-01T09:30:15.123Z\tp0\t~a\t0\t100", "rating" },
        { "r\t0\t2026-12-01T09:30:15.123Z\tp0\t~a\t3\t100", "sequence" },
        { "r\tx\t2026-12-01T09:30:15.123Z\tp0\t~a\t3\t100", "sequence" },
        { "r\t7\t2026-12-01 09:30\tp0\t~a\t3\t100", "UTC time" },
        { "r\t7\t2026-12-01T09:30:15.123Z\tp0\t~a\t3\t-5", "duration" },
        { "r\t7\t2026-12-01T09:30:15.123Z\tp0\t~a\t3\t100\tx", "flag" },
        { "r\t7\t2026-12-01T09:30:15.123Z\t\t~a\t3\t100", "empty field" },
        { "k\t7\t2026-12-01T09:30:15.123Z\tp0\t~a\tnothex\t0123456789abcdef", "hex hash" },
        { "b\t7\t2026-12-01T09:30:15.123Z\tp0\t~a\t6\t0", "number of days" },
        { "b\t7\t2026-12-01T09:30:15.123Z\tp0\t~a\t6\t40000", "more than 36500" },
        { "b\t7\t2026-12-01T09:30:15.123Z\tp0\t~a\t0\t9", "rating sequence" },
        { "b\t7\t2026-12-01T09:30:15.123Z\tp0\t~a\t6", "fields" },
        { "z\t7\t2026-12-01T09:30:15.123Z", "unknown event kind `z`" },
        { "r\t7\t2026-12-01T09:30", "fields" },
        { "\0\0\0\0", "unknown event kind" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_malformed_line_is_refused_with_what_is_wrong(string line, string problem)
    {
        var (read, said) = HistoryLine.Parse("laptop", line);
        Assert.Null(read);
        Assert.Contains(problem, said);
    }

    [Fact]
    public void A_balanced_day_drafted_after_its_rating_names_the_rating_once_numbered()
    {
        var key = new ReviewKey(Deck, new CardKey("bptt"));
        var rating = HistoryLine.Numbered(new RatingEvent(default, At, key, 4, 100), "laptop", 41);
        var day = HistoryLine.Numbered(new BalancedEvent(default, At, key, 0, 9), "laptop", 42);

        Assert.Equal(new EventId("laptop", 41), rating.Id);
        Assert.Equal(rating.Id, ((BalancedEvent)day).Rating);
    }

    [Theory]
    [InlineData("")]
    [InlineData(HistoryLine.Header)]
    [InlineData("# a note")]
    public void Blank_lines_and_comments_are_neither_events_nor_problems(string line)
    {
        Assert.Equal((null, null), HistoryLine.Parse("laptop", line));
    }
}

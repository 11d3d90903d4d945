using DeckLsp.Core.Interop;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.Interop;

/// <summary>The FSRS optimizer's revlog CSV: its columns, millisecond UTC times, grades 1–4 and states before the review.</summary>
public sealed class FsrsRevlogFormatTests
{
    [Fact]
    public void Revlog_rows_are_written_in_the_optimizer_format()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);
        var rows = new[]
        {
            new RevlogRow("id:d/b", at.AddDays(1), Grade.Hard, CardState.Review, 2500),
            new RevlogRow("id:d/a#c1", at, Grade.Again, CardState.New, 0),
        };

        Assert.Equal(
            "card_id,review_time,review_rating,review_state,review_duration\nid:d/a#c1,1700000000123,1,0,0\nid:d/b,1700086400123,2,2,2500\n",
            FsrsRevlogFormat.Write(rows));
    }

    [Fact]
    public void A_duration_recorded_before_it_was_capped_is_written_as_a_minute()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

        var csv = FsrsRevlogFormat.Write([new RevlogRow("id:d/a", at, Grade.Good, CardState.New, 5_000_000_000_000)]);

        Assert.EndsWith(",60000\n", csv);
    }
}

using DeckLsp.Core.Reviews;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;

namespace DeckLsp.Server.Tests.Reviews;

public sealed class ReviewSettingsTests
{
    // The fingerprint is kept with derived states; a different spelling of the same settings would replay every history.
    [Fact]
    public void Fingerprint_of_the_default_settings_keeps_its_stored_spelling()
    {
        Assert.Equal(
            "grades=1,1,2,3,4;weights=0.212,1.2931,2.3065,8.2956,6.4133,0.8334,3.0194,0.001,1.8722,0.1666,0.796,1.4835,0.0614,0.2629,1.6483,0.6014,1.8729,0.5425,0.0912,0.0658,0.1542;retention=0.9;maximum=36500;shortTerm=True;fuzz=True;learning=60,600;relearning=600",
            ReviewSettings.Default.Fingerprint());
    }

    [Fact]
    public void A_changed_rating_scale_changes_the_fingerprint()
    {
        var other = ReviewSettings.Default with { Scale = new RatingScale([Core.Scheduling.Grade.Again, Core.Scheduling.Grade.Hard, Core.Scheduling.Grade.Good, Core.Scheduling.Grade.Easy, Core.Scheduling.Grade.Easy]) };

        Assert.NotEqual(ReviewSettings.Default.Fingerprint(), other.Fingerprint());
    }

    [Fact]
    public void Load_balancing_is_on_unless_the_options_turn_it_off_and_either_way_nothing_is_re_derived()
    {
        var (byDefault, _) = ReviewSettings.From(new InitializationOptions());
        var (off, problems) = ReviewSettings.From(new InitializationOptions { LoadBalance = false });

        Assert.True(byDefault.LoadBalance);
        Assert.False(off.LoadBalance);
        Assert.Empty(problems);
        // Recorded days are honoured whatever the setting, so the states need no replay when it changes.
        Assert.Equal(byDefault.Fingerprint(), off.Fingerprint());
    }
}

using DeckLsp.Core.Interop;
using DeckLsp.Core.Optimization;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.Optimization;

/// <summary>The optimizer's rules for too little data, its progress, cancellation and clipping.</summary>
public sealed class OptimizerTests
{
    [Fact]
    public void No_history_keeps_the_defaults_and_says_why()
    {
        var result = FsrsOptimizer.Optimize([]);
        Assert.Equal(OptimizationOutcome.Defaults, result.Outcome);
        Assert.Equal(FsrsParameters.Default.Select(p => (double)p), result.Parameters);
        Assert.Contains("at least 8", result.Reason);
    }

    [Fact]
    public void Fewer_than_64_items_fit_only_the_initial_stabilities()
    {
        // 30 cards learned with Good and seen a day later (one in four forgotten), ten of them once more three days on.
        var rows = new List<RevlogRow>();
        for (var i = 0; i < 30; i++)
        {
            var start = DateTimeOffset.UnixEpoch.AddDays(10).AddMinutes(i);
            rows.Add(new($"c{i}", start, Grade.Good, CardState.New, 1000));
            rows.Add(new($"c{i}", start.AddDays(1), i % 4 == 0 ? Grade.Again : Grade.Good, CardState.Review, 1000));
            if (i < 10)
            {
                rows.Add(new($"c{i}", start.AddDays(4), Grade.Good, CardState.Review, 1000));
            }
        }

        var result = FsrsOptimizer.Optimize(RevlogItems.From(rows, RevlogItems.DayIn(TimeZoneInfo.Utc)));
        Assert.Equal(OptimizationOutcome.InitialStabilitiesOnly, result.Outcome);
        Assert.Equal(40, result.Items);
        Assert.Contains("at least 64", result.Reason);
        Assert.Equal(FsrsParameters.Default.Skip(4).Select(p => (double)p), result.Parameters.Skip(4));
        Assert.NotEqual((double)FsrsParameters.Default[2], result.Parameters[2]);
    }

    [Fact]
    public void Reviews_only_on_their_first_day_keep_the_defaults()
    {
        // Ten cards, each reviewed once: nothing falls on a later day, so there is nothing to predict.
        var rows = Enumerable.Range(0, 10).Select(i => new RevlogRow($"c{i}", DateTimeOffset.UnixEpoch.AddHours(i), Grade.Good, CardState.New, 1000));
        var items = RevlogItems.From(rows, RevlogItems.DayIn(TimeZoneInfo.Utc));
        Assert.Empty(items);
        Assert.Equal(OptimizationOutcome.Defaults, FsrsOptimizer.Optimize(items).Outcome);
    }

    [Fact]
    public void Progress_runs_through_every_epoch_to_the_end()
    {
        var reports = new List<OptimizationProgress>();
        var result = FsrsOptimizer.Optimize(OptimizerFixtures.Get("simulated.csv").Items, progress: reports.Add);
        Assert.Equal(OptimizationOutcome.Fitted, result.Outcome);
        Assert.Equal(Enumerable.Range(1, 5), reports.Select(r => r.Epoch).Distinct());
        Assert.Equal(1.0, reports[^1].Fraction);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.Fraction < p.Second.Fraction));
    }

    [Fact]
    public void Cancelling_stops_training()
    {
        using var cancellation = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() =>
            FsrsOptimizer.Optimize(OptimizerFixtures.Get("simulated.csv").Items, progress: _ => cancellation.Cancel(), cancellation: cancellation.Token));
    }

    [Fact]
    public void Fitting_is_deterministic()
    {
        var items = OptimizerFixtures.Get("anki.csv").Items;
        Assert.Equal(FsrsOptimizer.Optimize(items).Parameters, FsrsOptimizer.Optimize(items).Parameters);
    }

    [Fact]
    public void Clipping_matches_fsrs_rs()
    {
        // fsrs-rs's test_parameter_clipper_works, on the first nine parameters.
        var w = FsrsParameters.Default.ToArray();
        float[] start = [0f, -1000f, 1000f, 0f, 1000f, -1000f, 1f, 0.25f, -0.1f];
        start.CopyTo(w, 0);
        FsrsParameters.Clip(w, relearningSteps: 1, enableShortTerm: true);
        Assert.Equal([0.001f, 0.001f, 100f, 0.001f, 10f, 0.001f, 1f, 0.25f, 0f], w.Take(9));

        // test_parameter_clipper_works_with_num_relearning_steps.
        var defaults = FsrsParameters.Default.ToArray();
        FsrsParameters.Clip(defaults, relearningSteps: 2, enableShortTerm: true);
        Assert.Equal(0.5425, defaults[17], 4);
        Assert.Equal(0.0912, defaults[18], 4);
        Assert.Equal(0.0658, defaults[19], 4);
    }
}

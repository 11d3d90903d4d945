using DeckLsp.Core.Optimization;

namespace DeckLsp.Core.Tests.Optimization;

/// <summary>
/// The optimizer against fsrs-rs 6.5.0 (through @open-spaced-repetition/binding) on the committed logs: the same
/// items, the same evaluation, and parameters that fit the log as well as fsrs-rs's by that evaluation.
/// </summary>
public sealed class AgainstFsrsRsTests
{
    public static TheoryData<string> Logs => new() { "simulated.csv", "anki.csv", "real.csv" };

    [Theory]
    [MemberData(nameof(Logs))]
    public void Revlog_becomes_as_many_items_as_fsrs_rs_makes(string file)
    {
        var log = OptimizerFixtures.Get(file);
        Assert.Equal(log.FsrsRsItems, log.Items.Count);
    }

    [Theory]
    [MemberData(nameof(Logs))]
    public void Evaluation_of_the_defaults_matches_fsrs_rs(string file)
    {
        var log = OptimizerFixtures.Get(file);
        var ours = FsrsEvaluation.Of([.. FsrsParameters.Default.Select(p => (double)p)], log.Items)!;
        AssertClose(log.Defaults.LogLoss, ours.LogLoss);
        AssertClose(log.Defaults.RmseBins, ours.RmseBins);
    }

    [Theory]
    [MemberData(nameof(Logs))]
    public void Evaluation_of_fsrs_rs_parameters_matches_fsrs_rs(string file)
    {
        var log = OptimizerFixtures.Get(file);
        var ours = FsrsEvaluation.Of(log.FsrsRsParameters, log.Items)!;
        AssertClose(log.FsrsRsEvaluation.LogLoss, ours.LogLoss);
        AssertClose(log.FsrsRsEvaluation.RmseBins, ours.RmseBins);
    }

    [Theory]
    [MemberData(nameof(Logs))]
    public void Fitted_parameters_fit_the_log_as_well_as_fsrs_rs_parameters(string file)
    {
        var log = OptimizerFixtures.Get(file);
        var result = FsrsOptimizer.Optimize(log.Items);
        Assert.Equal(OptimizationOutcome.Fitted, result.Outcome);
        Assert.Equal(21, result.Parameters.Count);
        var ours = FsrsEvaluation.Of(result.Parameters, log.Items)!;
        Assert.True(ours.LogLoss <= log.FsrsRsEvaluation.LogLoss * 1.01,
            $"{file}: our log loss {ours.LogLoss:F5} against fsrs-rs's {log.FsrsRsEvaluation.LogLoss:F5} (defaults {log.Defaults.LogLoss:F5})");
        Assert.True(ours.LogLoss < log.Defaults.LogLoss, $"{file}: fitting did not improve on the defaults");
    }

    // fsrs-rs sums in single precision, in a hash map's order: agree to a part in ten thousand.
    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-4 * Math.Abs(expected), $"expected {expected}, got {actual}");
}

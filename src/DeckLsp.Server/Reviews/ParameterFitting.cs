using DeckLsp.Core.History;
using DeckLsp.Core.Optimization;
using DeckLsp.Server.History;

namespace DeckLsp.Server.Reviews;

/// <summary>
/// Fitting FSRS parameters to one history and accepting them: the optimizer in Core run on the history's reviews,
/// both parameter sets evaluated the way fsrs-rs evaluates them, and the accepted ones appended to the history as a
/// <see cref="ParametersEvent"/>. The command line and the editor's command both go through here.
/// </summary>
internal static class ParameterFitting
{
    /// <summary>What fitting found for a history.</summary>
    /// <param name="Current">The parameters the history schedules with now (its own, else the settings' weights).</param>
    /// <param name="CurrentEvaluation">How well they predict its reviews; null with nothing to evaluate.</param>
    /// <param name="FittedEvaluation">How well the fitted ones do; null with nothing to evaluate.</param>
    /// <param name="Reviews">Scheduling ratings the history holds.</param>
    public sealed record Fit(string History, OptimizationResult Result, IReadOnlyList<double> Current, FsrsEvaluation? CurrentEvaluation,
        FsrsEvaluation? FittedEvaluation, int Reviews)
    {
        /// <summary>Whether the fitted parameters are worth accepting: the optimizer fitted something, and it predicts better.</summary>
        public bool Better => Result.Outcome != OptimizationOutcome.Defaults && FittedEvaluation is { } fitted
            && (CurrentEvaluation is not { } current || fitted.LogLoss < current.LogLoss);
    }

    /// <summary>Fits parameters to <paramref name="history"/>; days are calendar days in <paramref name="zone"/> (the day the app counts "today" in).</summary>
    public static Fit Run(string name, ReviewHistory history, TimeZoneInfo zone, Action<OptimizationProgress>? progress, CancellationToken cancellation)
    {
        var rows = HistoryRevlog.Rows(history).ToList();
        var items = RevlogItems.From(rows, RevlogItems.DayIn(zone));
        var result = FsrsOptimizer.Optimize(items, progress: progress, cancellation: cancellation);
        var current = history.Replay.Scheduler.Options.Weights;
        return new Fit(name, result, current, Evaluate(current, items), Evaluate(result.Parameters, items), rows.Count);
    }

    /// <summary>Makes <paramref name="parameters"/> the history's: every card of it is re-derived with them, on every machine that reads it.</summary>
    public static void Accept(HistorySource source, IReadOnlyList<double> parameters, DateTimeOffset now) =>
        source.Append([new ParametersEvent(default, now, [.. parameters])]);

    // Parameters of another FSRS version (17 or 19) are not what fsrs-rs evaluates: they are not compared.
    private static FsrsEvaluation? Evaluate(IReadOnlyList<double> parameters, IReadOnlyList<FsrsItem> items) =>
        parameters.Count == FsrsParameters.Count ? FsrsEvaluation.Of(parameters, items) : null;
}

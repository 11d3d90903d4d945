using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DeckLsp.Core.Optimization;
using DeckLsp.Server.History;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Reviews;

namespace DeckLsp.Server.Cli;

/// <summary>
/// `decklsp optimize [PATH...] [--json] [--apply]`: fits FSRS parameters to the review history of the decks at PATH
/// (default: the current folder), prints how well the current and the fitted parameters predict it, and with
/// <c>--apply</c> makes the fitted ones the history's (docs/reviews.md). Too little history is said, and exits 0.
/// </summary>
internal static class OptimizeCommand
{
    public static Command Create(CliHistory.Choice history, TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.ZeroOrMore, Description = "Deck files, folders or globs (default: the current folder)." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var apply = new Option<bool>("--apply") { Description = "Schedule with the fitted parameters from now on (when they predict better than the current ones)." };
        var command = new Command("optimize", "Fit the FSRS parameters to your review history.");
        command.Arguments.Add(paths);
        history.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(apply);
        command.SetAction(result =>
        {
            var given = result.GetValue(paths) is { Length: > 0 } p ? p : ["."];
            return Run(given, history.Read(result), result.GetValue(json), result.GetValue(apply), TimeProvider.System, output, error);
        });
        return command;
    }

    public static int Run(string[] paths, CliHistory.Where where, bool json, bool apply, TimeProvider time, TextWriter output, TextWriter error)
    {
        if (!DeckPaths.TryExpand(paths, out var files, out var problem))
        {
            error.WriteLine($"decklsp optimize: {problem}");
            return DeckCommandLine.UsageError;
        }

        if (files.Count == 0)
        {
            error.WriteLine($"decklsp optimize: no deck file (*.deck.md) in {string.Join(", ", paths)}; the history to fit is found from the decks.");
            return DeckCommandLine.UsageError;
        }

        if (!CliHistory.TryOpen(where, "optimize", error, out var histories, readOnly: !apply))
        {
            return DeckCommandLine.UsageError;
        }

        using var _ = histories;
        var sources = files.Select(f => histories.Loaded(Path.GetFullPath(f))).Distinct().ToList();
        if (sources.Count > 1)
        {
            error.WriteLine($"decklsp optimize: the decks given are in {sources.Count} histories ({string.Join(", ", sources.Select(s => s.Name))}); " +
                "parameters belong to one history: optimize the decks of one at a time.");
            return DeckCommandLine.UsageError;
        }

        var source = sources[0];
        var progress = new ProgressLine(error);
        var fit = ParameterFitting.Run(source.Name, source.Current, time.LocalTimeZone, progress.Report, CancellationToken.None);
        progress.End();

        var applied = false;
        if (apply && fit.Better)
        {
            try
            {
                ParameterFitting.Accept(source, fit.Result.Parameters, time.GetUtcNow());
                applied = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or HistoryBusyException or Microsoft.Data.Sqlite.SqliteException)
            {
                error.WriteLine($"decklsp optimize: could not record the parameters in {source.Name}: {e.Message}");
                return DeckCommandLine.InternalError;
            }
        }

        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(Report.Of(fit, applied), DeckJsonContext.Default.OptimizeReport));
        }
        else
        {
            WriteText(fit, apply, applied, output);
        }

        return 0;
    }

    private static void WriteText(ParameterFitting.Fit fit, bool apply, bool applied, TextWriter output)
    {
        var result = fit.Result;
        output.WriteLine($"History: {fit.History} ({fit.Reviews.ToString("N0", CultureInfo.InvariantCulture)} reviews, {result.Items.ToString("N0", CultureInfo.InvariantCulture)} to learn from)");
        if (result.Reason is { } reason)
        {
            output.WriteLine(result.Outcome == OptimizationOutcome.Defaults
                ? $"Too little history to fit parameters: {reason} Keeping the current parameters."
                : $"Only the initial stabilities could be fitted: {reason}");
        }

        if (result.Outcome == OptimizationOutcome.Defaults)
        {
            return;
        }

        output.WriteLine($"{"",-10} {"log loss",9} {"RMSE(bins)",11}");
        output.WriteLine(Row("current", fit.CurrentEvaluation));
        output.WriteLine(Row("fitted", fit.FittedEvaluation));
        output.WriteLine("Parameters: " + string.Join(", ", result.Parameters.Select(p => p.ToString("0.0000", CultureInfo.InvariantCulture))));
        output.WriteLine(applied ? "Applied: every card of this history is now scheduled with them."
            : !fit.Better ? "The current parameters predict your reviews at least as well: nothing to apply."
            : apply ? "" : "Run again with --apply to schedule with them.");
    }

    private static string Row(string name, FsrsEvaluation? evaluation) => evaluation is { } e
        ? $"{name,-10} {e.LogLoss.ToString("0.0000", CultureInfo.InvariantCulture),9} {(e.RmseBins * 100).ToString("0.00", CultureInfo.InvariantCulture),10}%"
        : $"{name,-10} {"-",9} {"-",11}";

    /// <summary>The training's progress on one terminal line (stderr), rewritten at each whole percent.</summary>
    private sealed class ProgressLine(TextWriter error)
    {
        private int _percent = -1;

        public void Report(OptimizationProgress progress)
        {
            var percent = (int)(progress.Fraction * 100);
            if (percent != _percent)
            {
                _percent = percent;
                error.Write($"\rdecklsp optimize: training, epoch {progress.Epoch}/{progress.Epochs}, {percent}%");
            }
        }

        public void End()
        {
            if (_percent >= 0)
            {
                error.WriteLine();
            }
        }
    }

    /// <summary>What `optimize --json` prints.</summary>
    internal sealed record Report(
        [property: JsonPropertyName("parameters")] IReadOnlyList<double> Parameters,
        [property: JsonPropertyName("outcome")] string Outcome,
        [property: JsonPropertyName("reason")] string? Reason,
        [property: JsonPropertyName("history")] string History,
        [property: JsonPropertyName("reviews")] int Reviews,
        [property: JsonPropertyName("items")] int Items,
        [property: JsonPropertyName("current")] Evaluated Current,
        [property: JsonPropertyName("fitted")] Evaluated Fitted,
        [property: JsonPropertyName("better")] bool Better,
        [property: JsonPropertyName("applied")] bool Applied)
    {
        public static Report Of(ParameterFitting.Fit fit, bool applied) => new(
            fit.Result.Parameters,
            fit.Result.Outcome switch
            {
                OptimizationOutcome.Fitted => "fitted",
                OptimizationOutcome.InitialStabilitiesOnly => "initialStabilitiesOnly",
                _ => "defaults",
            },
            fit.Result.Reason, fit.History, fit.Reviews, fit.Result.Items,
            new Evaluated(fit.Current, fit.CurrentEvaluation?.LogLoss, fit.CurrentEvaluation?.RmseBins),
            new Evaluated(fit.Result.Parameters, fit.FittedEvaluation?.LogLoss, fit.FittedEvaluation?.RmseBins),
            fit.Better, applied);
    }

    /// <summary>Parameters and fsrs-rs's evaluation of them on the history (null when there is nothing to evaluate).</summary>
    internal sealed record Evaluated(
        [property: JsonPropertyName("parameters")] IReadOnlyList<double> Parameters,
        [property: JsonPropertyName("logLoss")] double? LogLoss,
        [property: JsonPropertyName("rmseBins")] double? RmseBins);
}

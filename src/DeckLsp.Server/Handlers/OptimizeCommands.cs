using System.Text.Json;
using DeckLsp.Core.Optimization;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace DeckLsp.Server.Handlers;

/// <summary>
/// The optimizer's commands, run through <c>workspace/executeCommand</c> (<see cref="ExecuteCommandHandler"/>):
/// <c>decklsp.optimize [uri]</c> fits FSRS parameters to the history of the deck at
/// uri (with <c>$/progress</c> when the client shows it) and answers both evaluations, writing nothing;
/// <c>decklsp.applyParameters [uri, parameters]</c> makes parameters that history's (docs/protocol.md). An editor asks
/// the user between the two.
/// </summary>
internal sealed class OptimizeCommands(ReviewDecks decks, ReviewService reviews, ILanguageClient client, ServerSession session, TimeProvider time,
    ILogger<OptimizeCommands> logger)
{
    public static IReadOnlyList<string> Names { get; } = [Methods.OptimizeCommand, Methods.ApplyParametersCommand];

    /// <summary>Runs one of <see cref="Names"/>.</summary>
    public Task<JsonElement> Run(ExecuteCommandParams parameters, CancellationToken cancellationToken) => parameters.Command switch
    {
        Methods.OptimizeCommand => Task.Run(() => Optimize(parameters.Arguments, cancellationToken), cancellationToken),
        Methods.ApplyParametersCommand => Task.Run(() => Apply(parameters.Arguments), CancellationToken.None),
        _ => throw new ArgumentOutOfRangeException(nameof(parameters), parameters.Command, "Not an optimizer command."),
    };

    private async Task<JsonElement> Optimize(IReadOnlyList<JsonElement>? arguments, CancellationToken cancellationToken)
    {
        var deck = Deck(arguments);
        await reviews.WhenLoaded([deck.Link.Source], ReviewService.LoadPatience, cancellationToken);
        var source = deck.Link.Source;
        var progress = await BeginProgress(cancellationToken);
        ParameterFitting.Fit fit;
        try
        {
            fit = ParameterFitting.Run(source.Name, source.Current, time.LocalTimeZone, progress.Report, cancellationToken);
        }
        finally
        {
            await progress.End();
        }

        logger.LogInformation("Optimized {History}: {Outcome}", source.Name, fit.Result.Outcome);
        var result = new OptimizeResult
        {
            History = fit.History,
            Outcome = fit.Result.Outcome switch
            {
                OptimizationOutcome.Fitted => "fitted",
                OptimizationOutcome.InitialStabilitiesOnly => "initialStabilitiesOnly",
                _ => "defaults",
            },
            Reason = fit.Result.Reason,
            Reviews = fit.Reviews,
            Items = fit.Result.Items,
            Parameters = fit.Result.Parameters,
            Current = new EvaluatedParameters { Parameters = fit.Current, LogLoss = fit.CurrentEvaluation?.LogLoss, RmseBins = fit.CurrentEvaluation?.RmseBins },
            Fitted = new EvaluatedParameters { Parameters = fit.Result.Parameters, LogLoss = fit.FittedEvaluation?.LogLoss, RmseBins = fit.FittedEvaluation?.RmseBins },
            Better = fit.Better,
        };
        return JsonSerializer.SerializeToElement(result, DeckJsonContext.Default.OptimizeResult);
    }

    private async Task<JsonElement> Apply(IReadOnlyList<JsonElement>? arguments)
    {
        var deck = Deck(arguments);
        if (arguments!.Count < 2 || arguments[1].ValueKind != JsonValueKind.Array || arguments[1].GetArrayLength() != FsrsParameters.Count
            || arguments[1].EnumerateArray().Any(p => p.ValueKind != JsonValueKind.Number || !double.IsFinite(p.GetDouble())))
        {
            throw InvalidParams($"{Methods.ApplyParametersCommand} takes a deck's uri and {FsrsParameters.Count} finite numbers.");
        }

        var parameters = arguments[1].EnumerateArray().Select(p => p.GetDouble()).ToArray();
        await reviews.WhenLoaded([deck.Link.Source], ReviewService.LoadPatience);
        var source = deck.Link.Source;
        ParameterFitting.Accept(source, parameters, reviews.Now);
        var result = new ApplyParametersResult { History = source.Name, Cards = source.Current.Cards.Count() };
        return JsonSerializer.SerializeToElement(result, DeckJsonContext.Default.ApplyParametersResult);
    }

    private ReviewDeck Deck(IReadOnlyList<JsonElement>? arguments)
    {
        if (arguments is not { Count: > 0 } || arguments[0].ValueKind != JsonValueKind.String)
        {
            throw InvalidParams("The command's first argument is the uri of a deck whose history to use.");
        }

        var uri = arguments[0].GetString()!;
        return decks.Find(uri) ?? throw InvalidParams($"No deck at {uri}.");
    }

    private async Task<Progress> BeginProgress(CancellationToken cancellationToken)
    {
        if (!session.Capabilities.CanShowProgress)
        {
            return new Progress(null, client);
        }

        var token = $"decklsp/optimize/{Guid.NewGuid():N}";
        try
        {
            await client.CreateWorkDoneProgressAsync(token, cancellationToken);
        }
        catch (RemoteInvocationException e)
        {
            logger.LogWarning("The client refused a progress token: {Message}", e.Message);
            return new Progress(null, client);
        }

        await client.ReportProgressAsync(new ProgressParams
        {
            Token = token,
            Value = new WorkDoneProgress { Kind = "begin", Title = "Optimizing scheduling", Message = "reading the history", Percentage = 0 },
        });
        return new Progress(token, client);
    }

    // Reports are sent from the training thread, each awaited, so none arrives after "end".
    private sealed class Progress(string? token, ILanguageClient client)
    {
        private int _percent = -1;

        public void Report(OptimizationProgress step)
        {
            var percent = (int)(step.Fraction * 100);
            if (token is null || percent == _percent)
            {
                return;
            }

            _percent = percent;
            client.ReportProgressAsync(new ProgressParams
            {
                Token = token,
                Value = new WorkDoneProgress { Kind = "report", Message = $"epoch {step.Epoch}/{step.Epochs}", Percentage = percent },
            }).GetAwaiter().GetResult();
        }

        public Task End() => token is null
            ? Task.CompletedTask
            : client.ReportProgressAsync(new ProgressParams { Token = token, Value = new WorkDoneProgress { Kind = "end" } });
    }

    private static LocalRpcException InvalidParams(string message) => new(message) { ErrorCode = (int)JsonRpcErrorCode.InvalidParams };
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeckLsp.Server.Protocol;

/// <summary>What <c>decklsp.optimize</c> answers: the fitted parameters and both evaluations (docs/protocol.md).</summary>
internal sealed record OptimizeResult
{
    [JsonPropertyName("history")]
    public required string History { get; init; }

    /// <summary>"fitted", "initialStabilitiesOnly" or "defaults".</summary>
    [JsonPropertyName("outcome")]
    public required string Outcome { get; init; }

    [JsonPropertyName("reason")]
    public required string? Reason { get; init; }

    [JsonPropertyName("reviews")]
    public required int Reviews { get; init; }

    [JsonPropertyName("items")]
    public required int Items { get; init; }

    [JsonPropertyName("parameters")]
    public required IReadOnlyList<double> Parameters { get; init; }

    [JsonPropertyName("current")]
    public required EvaluatedParameters Current { get; init; }

    [JsonPropertyName("fitted")]
    public required EvaluatedParameters Fitted { get; init; }

    /// <summary>Whether accepting is worth it: something was fitted and it predicts the history better.</summary>
    [JsonPropertyName("better")]
    public required bool Better { get; init; }
}

/// <summary>Parameters and fsrs-rs's evaluation of them on the history (null when there is nothing to evaluate).</summary>
internal sealed record EvaluatedParameters
{
    [JsonPropertyName("parameters")]
    public required IReadOnlyList<double> Parameters { get; init; }

    [JsonPropertyName("logLoss")]
    public required double? LogLoss { get; init; }

    [JsonPropertyName("rmseBins")]
    public required double? RmseBins { get; init; }
}

/// <summary>What <c>decklsp.applyParameters</c> answers.</summary>
internal sealed record ApplyParametersResult
{
    [JsonPropertyName("history")]
    public required string History { get; init; }

    /// <summary>Review keys re-derived with the parameters.</summary>
    [JsonPropertyName("cards")]
    public required int Cards { get; init; }
}

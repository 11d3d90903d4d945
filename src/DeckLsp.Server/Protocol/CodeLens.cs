using System.Text.Json.Serialization;

namespace DeckLsp.Server.Protocol;

/// <summary>Options of the code lens provider.</summary>
internal sealed record CodeLensOptions
{
    [JsonPropertyName("resolveProvider")]
    public bool ResolveProvider { get; init; }
}

/// <summary>A command shown above a line.</summary>
internal sealed record CodeLens
{
    [JsonPropertyName("range")]
    public required Range Range { get; init; }

    [JsonPropertyName("command")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Command? Command { get; init; }
}

/// <summary>The one argument of the <c>decklsp.study</c> command: what to study.</summary>
internal sealed record StudyArguments
{
    public const string CommandName = "decklsp.study";

    [JsonPropertyName("uri")]
    public required string Uri { get; init; }

    /// <summary>"deck", "section" or "card".</summary>
    [JsonPropertyName("scope")]
    public required string Scope { get; init; }

    /// <summary>The zero-based line of the deck, section heading or card marker.</summary>
    [JsonPropertyName("line")]
    public required int Line { get; init; }

    /// <summary>"due" (the default), "all" or "cram".</summary>
    [JsonPropertyName("mode")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Mode { get; init; }

    /// <summary>Only cards carrying one of these tags.</summary>
    [JsonPropertyName("tags")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Tags { get; init; }
}

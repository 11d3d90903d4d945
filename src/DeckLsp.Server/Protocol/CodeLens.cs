using System.Text.Json.Serialization;

namespace DeckLsp.Server.Protocol;

/// <summary>Options of the code lens provider.</summary>
internal sealed record CodeLensOptions
{
    [JsonPropertyName("resolveProvider")]
    public bool ResolveProvider { get; init; }
}

/// <summary>
/// A command shown above a line. <c>textDocument/codeLens</c> answers each with its range and <see cref="Data"/> only;
/// <c>codeLens/resolve</c> adds the command, for the lenses the editor shows.
/// </summary>
internal sealed record CodeLens
{
    [JsonPropertyName("range")]
    public required Range Range { get; init; }

    [JsonPropertyName("command")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Command? Command { get; init; }

    [JsonPropertyName("data")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CodeLensData? Data { get; init; }
}

/// <summary>What a lens stands for, kept by the editor between <c>textDocument/codeLens</c> and <c>codeLens/resolve</c>.</summary>
internal sealed record CodeLensData
{
    [JsonPropertyName("uri")]
    public required string Uri { get; init; }

    /// <summary>The document's version the lens was made for: a lens of another version is resolved without counts.</summary>
    [JsonPropertyName("version")]
    public required int Version { get; init; }

    /// <summary>"deck", "section" or "card".</summary>
    [JsonPropertyName("scope")]
    public required string Scope { get; init; }

    /// <summary>The section's or card's index in the deck (0 for the deck).</summary>
    [JsonPropertyName("index")]
    public required int Index { get; init; }
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

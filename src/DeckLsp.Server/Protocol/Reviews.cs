using System.Text.Json.Serialization;

namespace DeckLsp.Server.Protocol;

/// <summary><c>deck/startReview</c>: what to study. Scope is deck, section, card or workspace; mode due (default) or all.</summary>
internal sealed record StartReviewParams
{
    [JsonPropertyName("uri")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Uri { get; init; }

    [JsonPropertyName("scope")]
    public required string Scope { get; init; }

    [JsonPropertyName("line")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Line { get; init; }

    [JsonPropertyName("mode")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Mode { get; init; }
}

/// <summary><c>deck/rate</c>: the rating 1–5 of the session's current card.</summary>
internal sealed record RateParams
{
    [JsonPropertyName("sessionId")]
    public required string SessionId { get; init; }

    [JsonPropertyName("rating")]
    public required int Rating { get; init; }

    /// <summary>How long the answer took; read as any JSON number so that a fraction gets a clear error, not a type error.</summary>
    [JsonPropertyName("durationMs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DurationMs { get; init; }
}

/// <summary><c>deck/undo</c> and <c>deck/endReview</c>.</summary>
internal sealed record SessionParams
{
    [JsonPropertyName("sessionId")]
    public required string SessionId { get; init; }
}

/// <summary>A card as the study panel shows it: server-rendered, sanitized HTML and the next interval of each rating.</summary>
internal sealed record ReviewCard
{
    [JsonPropertyName("cardId")]
    public required string CardId { get; init; }

    [JsonPropertyName("uri")]
    public required string Uri { get; init; }

    [JsonPropertyName("range")]
    public required Range Range { get; init; }

    [JsonPropertyName("frontHtml")]
    public required string FrontHtml { get; init; }

    [JsonPropertyName("backHtml")]
    public required string BackHtml { get; init; }

    /// <summary>When each rating 1–5 would bring the card back ("1m", "3d", "2mo").</summary>
    [JsonPropertyName("intervals")]
    public required IReadOnlyList<string> Intervals { get; init; }

    /// <summary>Why the card cannot be shown (its HTML is then empty); the session goes on.</summary>
    [JsonPropertyName("problem")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Problem { get; init; }
}

/// <summary>How far a session has got.</summary>
internal sealed record ReviewProgress
{
    [JsonPropertyName("done")]
    public required int Done { get; init; }

    [JsonPropertyName("remaining")]
    public required int Remaining { get; init; }

    [JsonPropertyName("total")]
    public required int Total { get; init; }
}

/// <summary>What a finished session did.</summary>
internal sealed record ReviewSummary
{
    /// <summary>Distinct cards rated (a card rated twice, after Again, counts once; the ratings spread counts both).</summary>
    [JsonPropertyName("reviewed")]
    public required int Reviewed { get; init; }

    /// <summary>How many of each rating, keyed "1" to "5".</summary>
    [JsonPropertyName("ratings")]
    public required IReadOnlyDictionary<string, int> Ratings { get; init; }

    [JsonPropertyName("durationMs")]
    public required long DurationMs { get; init; }
}

/// <summary>The answer to startReview, rate and undo: the card to show now (null when the session is over).</summary>
internal sealed record ReviewStep
{
    [JsonPropertyName("sessionId")]
    public required string SessionId { get; init; }

    /// <summary>Required but nullable: null means the session is complete.</summary>
    [JsonPropertyName("card")]
    public ReviewCard? Card { get; init; }

    [JsonPropertyName("progress")]
    public required ReviewProgress Progress { get; init; }

    [JsonPropertyName("summary")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ReviewSummary? Summary { get; init; }
}

/// <summary><c>deck/cardChanged</c>: the card on screen in a session was edited; here is its new text.</summary>
internal sealed record CardChangedParams
{
    [JsonPropertyName("sessionId")]
    public required string SessionId { get; init; }

    [JsonPropertyName("card")]
    public required ReviewCard Card { get; init; }
}

/// <summary><c>deck/countsChanged</c>: due and new counts may have changed (an empty object; the client asks again).</summary>
internal sealed record CountsChangedParams;

/// <summary><c>deck/endReview</c>'s answer.</summary>
internal sealed record EndReviewResult
{
    [JsonPropertyName("summary")]
    public required ReviewSummary Summary { get; init; }
}

/// <summary><c>deck/dueCounts</c>: cards due now and new cards available today, over the workspace.</summary>
internal sealed record DueCounts
{
    [JsonPropertyName("due")]
    public required int Due { get; init; }

    [JsonPropertyName("new")]
    public required int New { get; init; }
}

/// <summary>A card whose history is kept though the card is gone from its deck.</summary>
internal sealed record OrphanInfo
{
    [JsonPropertyName("cardKey")]
    public required string CardKey { get; init; }

    [JsonPropertyName("deckPath")]
    public string? DeckPath { get; init; }

    [JsonPropertyName("question")]
    public required string Question { get; init; }

    [JsonPropertyName("reviews")]
    public required int Reviews { get; init; }

    [JsonPropertyName("lastReview")]
    public DateTimeOffset? LastReview { get; init; }
}

/// <summary><c>deck/orphans</c>'s answer.</summary>
internal sealed record OrphansResult
{
    [JsonPropertyName("orphans")]
    public required IReadOnlyList<OrphanInfo> Orphans { get; init; }
}

/// <summary><c>workspace/didRenameFiles</c>.</summary>
internal sealed record RenameFilesParams
{
    [JsonPropertyName("files")]
    public required IReadOnlyList<FileRename> Files { get; init; }
}

/// <summary>One renamed file.</summary>
internal sealed record FileRename
{
    [JsonPropertyName("oldUri")]
    public required string OldUri { get; init; }

    [JsonPropertyName("newUri")]
    public required string NewUri { get; init; }
}

/// <summary><c>window/showMessage</c>.</summary>
internal sealed record ShowMessageParams
{
    [JsonPropertyName("type")]
    public required int Type { get; init; }

    [JsonPropertyName("message")]
    public required string Message { get; init; }
}

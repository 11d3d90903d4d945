using System.Text.Json.Serialization;

namespace DeckLsp.Server.Protocol;

/// <summary><c>deck/statistics</c>: a deck's URI, a folder's (every deck under it), or none for the workspace.</summary>
internal sealed record StatisticsParams
{
    [JsonPropertyName("uri")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Uri { get; init; }
}

/// <summary>
/// The figures of a deck, a folder or the workspace, as the statistics view draws them: the same fields as a deck's in
/// <c>decklsp stats --json</c>, added up over the decks in scope.
/// </summary>
internal sealed record StatisticsResult
{
    /// <summary>"deck", "folder" or "workspace".</summary>
    [JsonPropertyName("scope")]
    public required string Scope { get; init; }

    /// <summary>The deck's title, the folder's name, or "Workspace".</summary>
    [JsonPropertyName("title")]
    public required string Title { get; init; }

    [JsonPropertyName("decks")]
    public required int Decks { get; init; }

    [JsonPropertyName("cards")]
    public required int Cards { get; init; }

    [JsonPropertyName("new")]
    public required int New { get; init; }

    [JsonPropertyName("due")]
    public required int Due { get; init; }

    [JsonPropertyName("reviews")]
    public required int Reviews { get; init; }

    [JsonPropertyName("reviewsToday")]
    public required int ReviewsToday { get; init; }

    /// <summary>The user's local day (yyyy-MM-dd): the forecast's first day and the calendar's last.</summary>
    [JsonPropertyName("today")]
    public required string Today { get; init; }

    [JsonPropertyName("calendar")]
    public required IReadOnlyList<StatisticsDay> Calendar { get; init; }

    /// <summary>Cards falling due on each of the next 30 days, today first (overdue cards count today).</summary>
    [JsonPropertyName("forecast")]
    public required IReadOnlyList<int> Forecast { get; init; }

    [JsonPropertyName("retention")]
    public required IReadOnlyList<StatisticsWeek> Retention { get; init; }

    [JsonPropertyName("states")]
    public required StatisticsStates States { get; init; }
}

/// <summary>Reviews on a calendar day (local, yyyy-MM-dd).</summary>
internal sealed record StatisticsDay
{
    [JsonPropertyName("date")]
    public required string Date { get; init; }

    [JsonPropertyName("reviews")]
    public required int Reviews { get; init; }
}

/// <summary>True retention in the week starting on Monday <c>week</c>: reviews of cards in the Review state, and those passed.</summary>
internal sealed record StatisticsWeek
{
    [JsonPropertyName("week")]
    public required string Week { get; init; }

    [JsonPropertyName("reviews")]
    public required int Reviews { get; init; }

    [JsonPropertyName("passed")]
    public required int Passed { get; init; }

    [JsonPropertyName("rate")]
    public required double Rate { get; init; }
}

/// <summary>Cards (a cloze card once per deletion) by the state they are in now.</summary>
internal sealed record StatisticsStates
{
    [JsonPropertyName("new")]
    public required int New { get; init; }

    [JsonPropertyName("learning")]
    public required int Learning { get; init; }

    [JsonPropertyName("review")]
    public required int Review { get; init; }

    [JsonPropertyName("relearning")]
    public required int Relearning { get; init; }
}

namespace DeckLsp.Server.Storage;

/// <summary>A deck file the store knows, under its stable key.</summary>
internal sealed record DeckRecord(string DeckKey, string Path, string Title, DateTimeOffset Updated);

/// <summary>What the store remembers of a card to recognise it after edits, and to describe it once orphaned.</summary>
/// <param name="CardKey">The card's stable identity.</param>
/// <param name="NormalizedQuestion">The question as the server normalizes it for matching.</param>
/// <param name="NormalizedAnswer">The answer, normalized likewise.</param>
/// <param name="QuestionSnippet">A short human-readable start of the question, for the orphan list.</param>
/// <param name="AnswerSnippet">A short human-readable start of the answer.</param>
/// <param name="Ordinal">The card's position in its deck.</param>
internal sealed record CardRecord(
    string CardKey,
    string NormalizedQuestion,
    string NormalizedAnswer,
    string QuestionSnippet,
    string AnswerSnippet,
    int Ordinal);

/// <summary>A card the store has seen in a deck; an orphan is one that was missing from the deck's last upsert.</summary>
internal sealed record KnownCard(string DeckKey, CardRecord Card, bool Orphaned, DateTimeOffset LastSeen);

/// <summary>A card no longer found in its deck, whose history is kept in case it is re-linked.</summary>
/// <param name="DeckPath">The deck's current path; null when the deck itself is unknown.</param>
/// <param name="LastReview">The time of its latest review; null if it was never reviewed.</param>
internal sealed record OrphanCard(
    string CardKey,
    string DeckKey,
    string? DeckPath,
    string QuestionSnippet,
    string AnswerSnippet,
    int ReviewCount,
    DateTimeOffset? LastReview);

/// <summary>What an upsert of a deck's cards changed.</summary>
/// <param name="Orphaned">Cards of the deck missing from this upsert that were not orphans before.</param>
/// <param name="Relinked">Cards in this upsert that were orphans before (of this deck or another).</param>
internal sealed record DeckUpsertResult(IReadOnlyList<string> Orphaned, IReadOnlyList<string> Relinked);

using DeckLsp.Core.Identity;
using DeckLsp.Core.Model;
using DeckLsp.Core.Reviews;

namespace DeckLsp.Server.Reviews;

/// <summary>
/// How a study session is planned, for the server's sessions and `decklsp study` alike: the cards in scope that carry a
/// wanted tag, queued as the mode says, with the new-card limit less what each deck introduced today.
/// </summary>
internal static class SessionPlan
{
    /// <summary>What is wrong with the first malformed tag of <paramref name="tags"/>, as a sentence; null when all are tags.</summary>
    public static string? TagProblem(IEnumerable<string> tags) =>
        tags.FirstOrDefault(t => !CardTags.IsValid(t.TrimStart('#'))) is { } malformed
            ? $"malformed tag \"{malformed}\": a tag is 1 to 64 letters, digits, '_', '-', '/', '.' or ':'"
            : null;

    /// <summary>The items whose card (or deck) carries one of <paramref name="tags"/>, or all of them when none is wanted.</summary>
    public static IEnumerable<(Card Card, CardKey CardKey, ReviewKey ReviewKey)> Tagged(ReviewDeck deck,
        IEnumerable<(Card Card, CardKey CardKey, ReviewKey ReviewKey)> items, IReadOnlyCollection<string> tags) =>
        tags.Count == 0 ? items : items.Where(item => CardTags.Matches(CardTags.Of(deck.Document.Deck, item.Card), tags));

    /// <summary>
    /// A session over the decks' items in <paramref name="scope"/> (each review key once, in the order given), the first
    /// card to show chosen. <paramref name="introduced"/> says how many new cards a deck introduced today.
    /// </summary>
    public static ReviewSession Start(string id, IEnumerable<(ReviewDeck Deck, List<(Card Card, CardKey CardKey, ReviewKey ReviewKey)> Cards)> scope,
        SessionMode mode, DateTimeOffset now, SessionOptions options, Func<ReviewDeck, int> introduced)
    {
        var items = new Dictionary<string, SessionItem>(StringComparer.Ordinal);
        var order = new List<(string Key, ReviewDeck Deck, ReviewKey ReviewKey)>();
        var introducedToday = 0;
        foreach (var (deck, cards) in scope)
        {
            introducedToday += introduced(deck);
            foreach (var (_, cardKey, reviewKey) in cards)
            {
                var key = reviewKey.ToString();
                if (items.TryAdd(key, new SessionItem(deck.Uri, deck.Link.Source, cardKey, reviewKey)))
                {
                    order.Add((key, deck, reviewKey));
                }
            }
        }

        // Each card's retrievability by its own history's scheduler (a history may hold fitted parameters).
        var decksOf = order.ToDictionary(item => item.Key, item => item.Deck, StringComparer.Ordinal);
        var queue = ReviewQueue.Plan(
            order.Select((item, position) => new SessionCard(item.Key, item.Deck.Of(item.ReviewKey).State, position)),
            now, mode, introducedToday, options,
            retrievability: card => decksOf[card.Key].History.Replay.Scheduler.Retrievability(card.Memory!, now));
        return new ReviewSession(id, mode, items, queue, now) { Current = queue.Next(now) };
    }
}

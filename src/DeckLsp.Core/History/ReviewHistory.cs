using System.Collections.Immutable;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.History;

/// <summary>
/// The review history as one immutable snapshot: every event taken in, and what they derive to (each review key's
/// ratings and state, each deck's card identities, where decks are). The log is the truth and this is a replay of it:
/// the same events, taken in in any order and in any batches, give the same snapshot (<see cref="HistoryOrder"/>).
/// </summary>
public sealed class ReviewHistory
{
    // Beyond this many cards to derive at once, the replay is spread over the cores.
    private const int ParallelThreshold = 512;

    private readonly ImmutableDictionary<ReviewKey, Timeline> _cards;
    private readonly ImmutableDictionary<DeckKey, DeckIdentity> _decks;
    private readonly ImmutableDictionary<(DeckKey, CardKey), KeyMovedEvent> _moves;
    private readonly ImmutableHashSet<EventId> _undone;
    private readonly ImmutableDictionary<EventId, int> _balanced;
    private readonly ImmutableDictionary<string, long> _sequences;

    // The replay of the settings, before any parameters the history holds.
    private readonly ReviewReplay _settingsReplay;

    private ReviewHistory(ReviewReplay settingsReplay, ParametersEvent? parameters, ReviewReplay replay, ImmutableDictionary<ReviewKey, Timeline> cards,
        ImmutableDictionary<DeckKey, DeckIdentity> decks, DeckPlacements placements,
        ImmutableDictionary<(DeckKey, CardKey), KeyMovedEvent> moves, ImmutableHashSet<EventId> undone, ImmutableDictionary<EventId, int> balanced,
        ImmutableDictionary<string, long> sequences, int eventCount)
    {
        _balanced = balanced;
        _settingsReplay = settingsReplay;
        Parameters = parameters;
        _moves = moves;
        _undone = undone;
        Replay = replay;
        _cards = cards;
        _decks = decks;
        Placements = placements;
        _sequences = sequences;
        EventCount = eventCount;
    }

    /// <summary>A card's ratings as logged (sorted, undone ones still in) and what they derive to.</summary>
    private sealed record Timeline(ImmutableArray<RatingEvent> Ratings, CardHistory Derived);

    /// <summary>A state the caller kept from an earlier derivation, valid while the key's ratings in force are the same.</summary>
    /// <param name="Digest">The <see cref="DigestOf"/> of the ratings it was derived from.</param>
    public sealed record KeptState(CardMemory? State, string Digest);

    /// <summary>
    /// A short digest of which ratings are in force (their ids, in order): a kept state is valid for exactly these. FNV-1a,
    /// 64 bits: cheap, and stable across machines and versions.
    /// </summary>
    public static string DigestOf(IReadOnlyList<RatingEvent> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var hash = 14695981039346656037UL;
        void Mix(string text)
        {
            foreach (var c in text)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            hash = (hash ^ '\n') * 1099511628211UL;
        }

        foreach (var rating in ratings)
        {
            Mix(rating.Id.Device);
            Mix(rating.Id.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The scheduler and rating scale every state is derived with: the settings', with the history's parameters if it has any.</summary>
    public ReviewReplay Replay { get; }

    /// <summary>The parameters in force: the latest <see cref="ParametersEvent"/>; null when the history has none (the settings' weights).</summary>
    public ParametersEvent? Parameters { get; }

    /// <summary>
    /// The digest a kept state of these ratings must carry to be used: <see cref="DigestOf"/>, and when the history has
    /// parameters, which event they came from (a state derived with other parameters is derived again).
    /// </summary>
    public string KeptDigest(IReadOnlyList<RatingEvent> ratings) => KeptDigest(Parameters, _balanced, ratings);

    // A rating's recorded day (a BalancedEvent) is part of what its state derives from, so it is part of the digest too;
    // without any, the digest is what it was before days were recorded, so kept states stay valid.
    private static string KeptDigest(ParametersEvent? parameters, ImmutableDictionary<EventId, int> balanced, IReadOnlyList<RatingEvent> ratings)
    {
        var digest = parameters is null
            ? DigestOf(ratings)
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{DigestOf(ratings)}/{parameters.Id.Device}/{parameters.Id.Sequence}");
        if (balanced.IsEmpty)
        {
            return digest;
        }

        var days = ratings.Select(r => balanced.TryGetValue(r.Id, out var d) ? d : 0).ToArray();
        return days.Any(d => d != 0)
            ? digest + "/days:" + string.Join(",", days.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            : digest;
    }

    /// <summary>The days the load balancer chose for <paramref name="rating"/>, when the history recorded them.</summary>
    public int? RecordedDays(EventId rating) => _balanced.TryGetValue(rating, out var days) ? days : null;

    /// <summary>Where the decks are, by key and by path.</summary>
    public DeckPlacements Placements { get; }

    /// <summary>How many events were taken in (duplicates not counted).</summary>
    public int EventCount { get; }

    public static ReviewHistory Empty(ReviewReplay replay)
    {
        ArgumentNullException.ThrowIfNull(replay);
        return new ReviewHistory(replay, null, replay, ImmutableDictionary<ReviewKey, Timeline>.Empty, ImmutableDictionary<DeckKey, DeckIdentity>.Empty,
            DeckPlacements.Empty, ImmutableDictionary<(DeckKey, CardKey), KeyMovedEvent>.Empty, ImmutableHashSet<EventId>.Empty,
            ImmutableDictionary<EventId, int>.Empty, ImmutableDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal), 0);
    }

    /// <summary>
    /// A history of <paramref name="events"/>, replayed on all cores. A state in <paramref name="kept"/> is used instead
    /// of a replay when it was derived from exactly the ratings in force now.
    /// </summary>
    public static ReviewHistory Build(ReviewReplay replay, IEnumerable<HistoryEvent> events,
        IReadOnlyDictionary<ReviewKey, KeptState>? kept = null) =>
        Empty(replay).With(events, kept).History;

    /// <summary>The history of one review key; <see cref="CardHistory.None"/> when it has none.</summary>
    public CardHistory Card(ReviewKey key) => _cards.TryGetValue(key, out var timeline) ? timeline.Derived : CardHistory.None;

    /// <summary>Every review key with a rating, in force or undone, and its history.</summary>
    public IEnumerable<KeyValuePair<ReviewKey, CardHistory>> Cards =>
        _cards.Select(pair => new KeyValuePair<ReviewKey, CardHistory>(pair.Key, pair.Value.Derived));

    /// <summary>The decks the history has events of.</summary>
    public IEnumerable<DeckKey> Decks => _decks.Keys;

    public DeckIdentity IdentityOf(DeckKey deck) => _decks.GetValueOrDefault(deck) ?? DeckIdentity.Empty;

    /// <summary>The highest sequence number taken in from <paramref name="device"/>; 0 for none.</summary>
    public long LastSequence(string device) => _sequences.GetValueOrDefault(device);

    /// <summary>
    /// Review keys of <paramref name="deck"/> whose first scheduling rating is at or after <paramref name="since"/>: the
    /// new cards introduced since then, which count against the daily limit.
    /// </summary>
    public int IntroducedSince(DeckKey deck, DateTimeOffset since) =>
        IdentityOf(deck).Rated.Count(key => Card(key).FirstReview >= since);

    /// <summary>
    /// The history with <paramref name="events"/> taken in. An event already taken in (its device's sequence at or below
    /// what was seen from that device) is skipped, so re-reading a log adds nothing. Only the cards the new events touch
    /// are replayed.
    /// </summary>
    public HistoryUpdate With(IEnumerable<HistoryEvent> events, IReadOnlyDictionary<ReviewKey, KeptState>? kept = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var sequences = _sequences.ToBuilder();
        var added = new List<HistoryEvent>();
        foreach (var e in events.OrderBy(e => e.Id.Device, StringComparer.Ordinal).ThenBy(e => e.Id.Sequence))
        {
            if (e.Id.Sequence > sequences.GetValueOrDefault(e.Id.Device))
            {
                sequences[e.Id.Device] = e.Id.Sequence;
                added.Add(e);
            }
        }

        if (added.Count == 0)
        {
            return new HistoryUpdate(this, [], [], new HashSet<DeckKey>(), false) { Previous = this };
        }

        // The latest parameters win; new ones re-derive every card.
        var parameters = Parameters;
        foreach (var candidate in added.OfType<ParametersEvent>())
        {
            if (parameters is null || HistoryOrder.Instance.Compare(parameters, candidate) < 0)
            {
                parameters = candidate;
            }
        }

        var replay = ReferenceEquals(parameters, Parameters) ? Replay : _settingsReplay.WithWeights(parameters!.Parameters);

        // Moves first: a rating logged under a key that has since moved belongs to where the key went.
        var moves = _moves;
        foreach (var moved in added.OfType<KeyMovedEvent>())
        {
            var from = (moved.Deck, moved.From);
            if (!moves.TryGetValue(from, out var known) || HistoryOrder.Instance.Compare(known, moved) < 0)
            {
                moves = moves.SetItem(from, moved);
            }
        }

        // Each rating lives where the key it was logged under leads now, wherever earlier moves had put it.
        ReviewKey Canonical(ReviewKey logged) => logged with { Card = Resolve(moves, logged.Deck, logged.Card) };

        var undone = _undone.Union(added.OfType<UndoEvent>().Select(u => u.Target));
        var balanced = _balanced.SetItems(added.OfType<BalancedEvent>().Select(b => KeyValuePair.Create(b.Rating, b.Days)));
        var fresh = new Dictionary<ReviewKey, List<RatingEvent>>();
        var touched = new HashSet<ReviewKey>();
        var cards = _cards.ToBuilder();
        var regrouped = new HashSet<DeckKey>();
        if (!ReferenceEquals(moves, _moves))
        {
            foreach (var (key, timeline) in _cards)
            {
                if (timeline.Ratings.All(r => Canonical(r.Key) == key))
                {
                    continue;
                }

                cards.Remove(key);
                touched.Add(key);
                regrouped.Add(key.Deck);
                foreach (var rating in timeline.Ratings)
                {
                    Add(fresh, Canonical(rating.Key), rating);
                }
            }
        }

        var decks = _decks.ToBuilder();
        var identities = new HashSet<DeckKey>();
        var placements = new List<DeckPlacedEvent>();
        foreach (var e in added)
        {
            switch (e)
            {
                case RatingEvent rating:
                    Add(fresh, Canonical(rating.Key), rating);
                    break;
                case UndoEvent undo:
                    touched.Add(Canonical(undo.Key));
                    break;
                case BalancedEvent day:
                    touched.Add(Canonical(day.Key));
                    break;
                case CardSeenEvent seen:
                    decks[seen.Deck] = (decks.GetValueOrDefault(seen.Deck) ?? DeckIdentity.Empty).WithSeen(seen);
                    identities.Add(seen.Deck);
                    break;
                case DeckPlacedEvent placed:
                    placements.Add(placed);
                    decks[placed.Deck] = decks.GetValueOrDefault(placed.Deck) ?? DeckIdentity.Empty;
                    break;
                case KeyMovedEvent moved:
                    identities.Add(moved.Deck);
                    break;
            }
        }

        touched.UnionWith(fresh.Keys);
        if (!ReferenceEquals(replay, Replay))
        {
            touched.UnionWith(_cards.Keys);
        }

        var keys = touched.ToArray();
        var timelines = new Timeline?[keys.Length];
        void DeriveAt(int i)
        {
            var key = keys[i];
            var sorted = cards.GetValueOrDefault(key)?.Ratings ?? [];
            if (fresh.TryGetValue(key, out var more))
            {
                sorted = Merge(sorted, more);
            }

            timelines[i] = sorted.IsEmpty ? null : new Timeline(sorted, Derive(replay, parameters, key, sorted, undone, balanced, kept?.GetValueOrDefault(key)));
        }

        if (keys.Length >= ParallelThreshold)
        {
            Parallel.For(0, keys.Length, DeriveAt);
        }
        else
        {
            for (var i = 0; i < keys.Length; i++)
            {
                DeriveAt(i);
            }
        }

        for (var i = 0; i < keys.Length; i++)
        {
            var deck = keys[i].Deck;
            if (timelines[i] is { } timeline)
            {
                cards[keys[i]] = timeline;
                decks[deck] = (decks.GetValueOrDefault(deck) ?? DeckIdentity.Empty).WithRated(keys[i]);
            }
            else
            {
                cards.Remove(keys[i]);
            }
        }

        foreach (var deck in regrouped)
        {
            // Keys that moved away no longer carry ratings of their own.
            var rated = cards.Keys.Where(k => k.Deck == deck).ToImmutableHashSet();
            decks[deck] = decks[deck] with { Rated = rated, RatedCards = rated.Select(k => k.Card).ToImmutableHashSet() };
            identities.Add(deck);
        }

        var history = new ReviewHistory(_settingsReplay, parameters, replay, cards.ToImmutable(), decks.ToImmutable(), Placements.With(placements), moves, undone,
            balanced, sequences.ToImmutable(), EventCount + added.Count);
        return new HistoryUpdate(history, added, keys, identities, placements.Count > 0) { Previous = this };
    }

    /// <summary>Where the history of <paramref name="card"/> now lives: the end of its chain of moves (a cycle stops where it closes).</summary>
    public CardKey Resolve(DeckKey deck, CardKey card) => Resolve(_moves, deck, card);

    private static CardKey Resolve(ImmutableDictionary<(DeckKey, CardKey), KeyMovedEvent> moves, DeckKey deck, CardKey card)
    {
        if (moves.IsEmpty)
        {
            return card;
        }

        var visited = new HashSet<CardKey> { card };
        while (moves.TryGetValue((deck, card), out var moved) && visited.Add(moved.To))
        {
            card = moved.To;
        }

        return card;
    }

    private static CardHistory Derive(ReviewReplay replay, ParametersEvent? parameters, ReviewKey key, ImmutableArray<RatingEvent> ratings,
        ImmutableHashSet<EventId> undone, ImmutableDictionary<EventId, int> balanced, KeptState? kept)
    {
        var inForce = undone.IsEmpty ? ratings : ratings.Where(r => !undone.Contains(r.Id)).ToImmutableArray();
        DateTimeOffset? first = null;
        foreach (var rating in inForce)
        {
            if (!rating.Cram)
            {
                first = rating.At;
                break;
            }
        }

        if (kept is not null && kept.Digest == KeptDigest(parameters, balanced, inForce))
        {
            return new CardHistory(kept.State, inForce, first);
        }

        var seed = key.ToString();
        CardMemory? state = null;
        foreach (var rating in inForce)
        {
            if (!rating.Cram)
            {
                state = replay.Apply(seed, state, rating.Rating, rating.At, balanced.TryGetValue(rating.Id, out var days) ? days : null);
            }
        }

        return new CardHistory(state, inForce, first);
    }

    private static ImmutableArray<RatingEvent> Merge(ImmutableArray<RatingEvent> sorted, List<RatingEvent> fresh)
    {
        fresh.Sort(HistoryOrder.Instance);
        if (sorted.IsEmpty || HistoryOrder.Instance.Compare(sorted[^1], fresh[0]) < 0)
        {
            // The usual case: new ratings come after every known one.
            return sorted.AddRange(fresh);
        }

        var all = sorted.ToBuilder();
        all.AddRange(fresh);
        all.Sort(HistoryOrder.Instance);
        return all.ToImmutable();
    }

    private static void Add<T>(Dictionary<ReviewKey, List<T>> groups, ReviewKey key, T value)
    {
        if (!groups.TryGetValue(key, out var list))
        {
            groups[key] = list = [];
        }

        list.Add(value);
    }
}

/// <summary>What taking in events changed: the new history, the events that were new, and what they touched.</summary>
/// <param name="Added">The events not seen before, by device and sequence.</param>
/// <param name="Cards">Review keys whose ratings changed (re-derived).</param>
/// <param name="Identities">Decks whose card identities changed.</param>
/// <param name="Placements">Whether a deck was placed (moved or named) anew.</param>
/// <param name="Whole">The history was read anew as a whole: anything may have changed.</param>
public sealed record HistoryUpdate(
    ReviewHistory History,
    IReadOnlyList<HistoryEvent> Added,
    IReadOnlyList<ReviewKey> Cards,
    IReadOnlySet<DeckKey> Identities,
    bool Placements,
    bool Whole = false)
{
    public bool IsEmpty => !Whole && Added.Count == 0;

    /// <summary>
    /// The snapshot <see cref="History"/> was derived from by taking in <see cref="Added"/>: the two differ only in the
    /// cards of <see cref="Cards"/>. Null when that is not known (a history read anew).
    /// </summary>
    public ReviewHistory? Previous { get; init; }

    /// <summary>A history read anew (loaded, or rebuilt from its logs): every card and deck may have changed.</summary>
    public static HistoryUpdate Replaced(ReviewHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return new HistoryUpdate(history, [], history.Cards.Select(c => c.Key).ToArray(), history.Decks.ToHashSet(), true, Whole: true);
    }
}

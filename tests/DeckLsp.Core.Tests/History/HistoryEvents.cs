using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.History;

/// <summary>Builds events for the history tests: one device's log, written as the server writes it.</summary>
internal sealed class HistoryEvents(string device)
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    public static readonly DeckKey Deck = new("p0000000001");

    private long _sequence;

    public string Device => device;

    public static ReviewReplay Replay { get; } = new(new FsrsScheduler(new FsrsOptions { EnableFuzz = true }), RatingScale.Default);

    public static ReviewKey Key(string card, int? deletion = null) => new(Deck, new CardKey(card), deletion);

    public RatingEvent Rate(string card, int rating, double hoursAfterStart, bool cram = false) =>
        new(Next(), Start.AddHours(hoursAfterStart), Key(card), rating, 3000, cram);

    public BalancedEvent Balanced(RatingEvent rating, int days) =>
        new(Next(), rating.At, rating.Key, rating.Id.Sequence, days);

    public UndoEvent Undo(RatingEvent rating, double hoursAfterStart) =>
        new(Next(), Start.AddHours(hoursAfterStart), rating.Key, rating.Id);

    public CardSeenEvent Seen(string card, string question, string answer, double hoursAfterStart = 0) =>
        new(Next(), Start.AddHours(hoursAfterStart), Deck, new CardKey(card), ContentHash.Of(question), ContentHash.Of(answer));

    public KeyMovedEvent Move(string from, string to, double hoursAfterStart) =>
        new(Next(), Start.AddHours(hoursAfterStart), Deck, new CardKey(from), new CardKey(to));

    public DeckPlacedEvent Place(DeckKey deck, string path, double hoursAfterStart = 0) =>
        new(Next(), Start.AddHours(hoursAfterStart), deck, path);

    public ParametersEvent Parameters(IReadOnlyList<double> parameters, double hoursAfterStart) =>
        new(Next(), Start.AddHours(hoursAfterStart), parameters);

    private EventId Next() => new(device, ++_sequence);

    /// <summary>The state a card reaches when its ratings are scheduled one at a time, as a live session does.</summary>
    public static CardMemory? Scheduled(ReviewKey key, IEnumerable<RatingEvent> ratings)
    {
        CardMemory? state = null;
        foreach (var rating in ratings)
        {
            state = Replay.Apply(key.ToString(), state, rating.Rating, rating.At);
        }

        return state;
    }
}

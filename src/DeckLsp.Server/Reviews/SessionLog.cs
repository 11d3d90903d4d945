using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;
using DeckLsp.Server.History;

namespace DeckLsp.Server.Reviews;

/// <summary>
/// What a rating and an undo write to the history, for the server's sessions and `decklsp study` alike, so a deck
/// studied anywhere has the same schedule everywhere (docs/reviews.md). Call under the session's lock.
/// </summary>
internal static class SessionLog
{
    /// <summary>
    /// Logs <paramref name="rating"/> of the card on screen durably (its first rating with what the card identifies, from
    /// <paramref name="deck"/> when it is at hand; a cram rating as such), then moves the session on to the next card.
    /// Returns this machine's copy of the card's text, for the caller to keep (<see cref="History.HistorySource.RecordSeen"/>).
    /// </summary>
    public static IReadOnlyList<(CardKey, SeenCard)> Rate(ReviewSession session, ReviewDeck? deck, int rating, long durationMs,
        DateTimeOffset now, RatingScale scale)
    {
        var key = session.Current ?? throw new InvalidOperationException("This session is complete: there is no card to rate.");
        var item = session.Items[key];
        var source = item.Source;
        var drafts = new List<HistoryEvent>();
        var seen = new List<(CardKey, SeenCard)>();
        if (deck is not null && ReferenceEquals(deck.Link.Source, source))
        {
            // The first rating of a key records what the key identifies, so other machines find the card by its text.
            var (unrecorded, texts) = deck.Link.Unrecorded(deck.Document, now, card => card == item.CardKey);
            drafts.AddRange(unrecorded.OfType<CardSeenEvent>().Where(e => e.Card == item.CardKey));
            seen.AddRange(texts.Where(t => t.Item1 == item.CardKey));
        }

        var cram = session.Mode == SessionMode.Cram;
        drafts.Add(new RatingEvent(default, now, item.ReviewKey, rating, durationMs, cram));

        // On disk (fsynced, or committed) before the next card is shown: a crash never loses a rating shown as saved.
        var written = source.Append(drafts);
        session.Rated.Push((written[^1].Id, key, session.Queue));
        session.Ratings[rating]++;
        if (cram)
        {
            session.Queue = session.Queue.Crammed(key, again: scale.GradeOf(rating) == Grade.Again);
        }
        else
        {
            var after = source.Current.Card(item.ReviewKey).State ?? CardMemory.New(now);
            session.Queue = session.Queue.Rated(key, after);
        }

        session.Current = session.Queue.Next(now);
        return seen;
    }

    /// <summary>
    /// Undoes the session's last rating (an <see cref="UndoEvent"/>, durably) and shows its card again; or, when it cannot
    /// be undone, says why and changes nothing.
    /// </summary>
    public static string? Undo(ReviewSession session, DateTimeOffset now)
    {
        if (!session.Rated.TryPeek(out var last))
        {
            return "Nothing to undo in this session.";
        }

        var item = session.Items[last.Key];
        var source = item.Source;
        source.Refresh();
        var card = source.Current.Card(item.ReviewKey);
        if (card.LastRating?.Id != last.Rating)
        {
            return card.Ratings.Any(r => r.Id == last.Rating)
                ? "This card was reviewed again elsewhere since: that later review stays, so this one cannot be undone."
                : "That rating is no longer in the history.";
        }

        source.Append([new UndoEvent(default, now, item.ReviewKey, last.Rating)]);
        session.Rated.Pop();
        session.Ratings[card.LastRating.Rating]--;
        session.Queue = last.QueueBefore;
        session.Current = last.Key;
        return null;
    }
}

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
    /// With <paramref name="balanceIn"/> (the user's time zone, whose days the load is counted in), the interval takes
    /// the day the load balancer chooses, recorded with the rating when a replay would not find it by itself.
    /// </summary>
    public static IReadOnlyList<(CardKey, SeenCard)> Rate(ReviewSession session, ReviewDeck? deck, int rating, long durationMs,
        DateTimeOffset now, RatingScale scale, TimeZoneInfo? balanceIn)
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
        if (!cram && balanceIn is not null)
        {
            // The day chosen from the load this machine sees now; the rating carries it, so no replay depends on the load.
            var history = source.Current;
            var (_, days) = history.Replay.Balance(key, history.Card(item.ReviewKey).State, rating, now, DueLoads.Of(history, balanceIn));
            if (days is { } chosen)
            {
                drafts.Add(new BalancedEvent(default, now, item.ReviewKey, 0, chosen));
            }
        }

        // On disk (fsynced, or committed) before the next card is shown: a crash never loses a rating shown as saved.
        var written = source.Append(drafts);
        session.Rated.Push((written.OfType<RatingEvent>().Last().Id, key, session.Queue));
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
    /// What each rating 1–5 would do to the card <paramref name="key"/> of the session now, as the buttons label it: in a
    /// cram, again or done; else the interval it gives, by the card's own history (its fitted parameters, and with
    /// <paramref name="balanceIn"/> the day the load balancer would choose), so a label is what the rating then gives.
    /// </summary>
    public static IReadOnlyList<string> Intervals(ReviewSession session, string key, DateTimeOffset now, TimeZoneInfo? balanceIn)
    {
        var item = session.Items[key];
        var history = item.Source.Current;
        return session.Mode == SessionMode.Cram
            ? history.Replay.CramLabels()
            : history.Replay.IntervalLabels(key, history.Card(item.ReviewKey).State, now, balanceIn is null ? null : DueLoads.Of(history, balanceIn));
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

using System.Collections.Concurrent;
using System.Globalization;
using DeckLsp.Core.Model;
using DeckLsp.Core.Rendering;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Protocol;
using DeckLsp.Core.History;
using DeckLsp.Server.History;
using DeckLsp.Server.Workspace;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace DeckLsp.Server.Reviews;

/// <summary>
/// The open study sessions: plans each from its scope, logs each rating durably before answering, undoes the last, and
/// follows the card on screen through edits (docs/reviews.md).
/// </summary>
internal sealed class ReviewSessions(ReviewService reviews, ReviewDecks decks, ReviewCounts counts, HistoryWriter writer, CardRendering rendering,
    ILanguageClient client, ILogger<ReviewSessions> logger)
{
    private readonly ConcurrentDictionary<string, ReviewSession> _sessions = new(StringComparer.Ordinal);

    public ReviewStep Start(StartReviewParams parameters)
    {
        var mode = parameters.Mode switch
        {
            null or "due" => SessionMode.Due,
            "all" => SessionMode.All,
            _ => throw InvalidParams($"mode must be \"due\" or \"all\", not \"{parameters.Mode}\""),
        };

        // Whatever another window or a pull appended since is part of what is due now.
        foreach (var source in reviews.Histories.Sources)
        {
            reviews.Loaded(source).Refresh();
        }

        var inScope = Scope(parameters, ref mode);
        var unloaded = inScope.Select(s => s.Deck.Link.Source).Where(s => !s.IsLoaded).Distinct().ToList();
        if (unloaded.Count > 0)
        {
            // A deck whose history was still loading: plan with the history read, and the keys linked to it.
            foreach (var source in unloaded)
            {
                reviews.Loaded(source);
            }

            inScope = Scope(parameters, ref mode);
        }

        var items = new Dictionary<string, SessionItem>(StringComparer.Ordinal);
        var order = new List<(string Key, ReviewDeck Deck, ReviewKey ReviewKey)>();
        var introduced = 0;
        foreach (var (deck, cards) in inScope)
        {
            introduced += counts.Introduced(deck);
            foreach (var (_, cardKey, reviewKey) in cards)
            {
                var key = reviewKey.ToString();
                if (items.TryAdd(key, new SessionItem(deck.Uri, deck.Link.Source, cardKey, reviewKey)))
                {
                    order.Add((key, deck, reviewKey));
                }
            }
        }

        var now = reviews.Now;
        var queue = ReviewQueue.Plan(
            order.Select((item, position) => new SessionCard(item.Key, item.Deck.Of(item.ReviewKey).State, position)),
            now, mode, introduced, reviews.SessionOptions);
        var session = new ReviewSession(Guid.NewGuid().ToString("N"), mode, items, queue, now);
        _sessions[session.Id] = session;
        lock (session.Gate)
        {
            session.Current = queue.Next(now);
            return Step(session);
        }
    }

    public ReviewStep Rate(RateParams parameters)
    {
        if (!RatingScale.IsRating(parameters.Rating))
        {
            throw InvalidParams($"rating must be 1 to 5, not {parameters.Rating}");
        }

        var durationMs = AnswerTime(parameters.DurationMs);

        var session = Get(parameters.SessionId);
        ReviewStep step;
        lock (session.Gate)
        {
            if (session.Current is not { } key)
            {
                throw new LocalRpcException("This session is complete: there is no card to rate.") { ErrorCode = (int)JsonRpcErrorCode.InvalidRequest };
            }

            var item = session.Items[key];
            var source = reviews.Loaded(item.Source);

            // A key an edit moved must have its history in place before this rating is replayed on top of it.
            writer.Flushed().Wait();
            var now = reviews.Now;
            var drafts = new List<HistoryEvent>();
            var seen = new List<(CardKey, SeenCard)>();
            if (decks.Find(item.Uri) is { } deck && ReferenceEquals(deck.Link.Source, source))
            {
                // The first rating of a key records what the key identifies, so other machines find the card by its text.
                var (unrecorded, texts) = deck.Link.Unrecorded(deck.Document, now, card => card == item.CardKey);
                drafts.AddRange(unrecorded.OfType<CardSeenEvent>().Where(e => e.Card == item.CardKey));
                seen.AddRange(texts.Where(t => t.Item1 == item.CardKey));
            }

            drafts.Add(new RatingEvent(default, now, item.ReviewKey, parameters.Rating, durationMs));

            // On disk (fsynced, or committed) before the answer leaves: a crash never loses a rating shown as saved.
            var written = source.Append(drafts);
            writer.Enqueue($"keep the text of {key}", () => source.RecordSeen(item.ReviewKey.Deck, seen));
            session.Rated.Push((written[^1].Id, key, session.Queue));
            session.Ratings[parameters.Rating]++;
            var after = source.Current.Card(item.ReviewKey).State ?? Core.Scheduling.CardMemory.New(now);
            session.Queue = session.Queue.Rated(key, after);
            session.Current = session.Queue.Next(now);
            step = Step(session);
        }

        return step;
    }

    public ReviewStep Undo(SessionParams parameters)
    {
        var session = Get(parameters.SessionId);
        ReviewStep step;
        lock (session.Gate)
        {
            if (!session.Rated.TryPeek(out var last))
            {
                throw new LocalRpcException("Nothing to undo in this session.") { ErrorCode = (int)JsonRpcErrorCode.InvalidRequest };
            }

            var item = session.Items[last.Key];
            var source = reviews.Loaded(item.Source);
            source.Refresh();
            var card = source.Current.Card(item.ReviewKey);
            if (card.LastRating?.Id != last.Rating)
            {
                throw new LocalRpcException(card.Ratings.Any(r => r.Id == last.Rating)
                    ? "This card was reviewed again elsewhere since: that later review stays, so this one cannot be undone."
                    : "That rating is no longer in the history.") { ErrorCode = (int)JsonRpcErrorCode.InvalidRequest };
            }

            var rating = card.LastRating;
            source.Append([new UndoEvent(default, reviews.Now, item.ReviewKey, last.Rating)]);
            session.Rated.Pop();
            session.Ratings[rating.Rating]--;
            session.Queue = last.QueueBefore;
            session.Current = last.Key;
            step = Step(session);
        }

        return step;
    }

    public EndReviewResult End(SessionParams parameters)
    {
        var session = Get(parameters.SessionId);
        _sessions.TryRemove(session.Id, out _);
        lock (session.Gate)
        {
            return new EndReviewResult { Summary = Summary(session) };
        }
    }

    /// <summary>After an edit of <paramref name="uri"/>: sessions showing one of its cards get the card's new text.</summary>
    public void DocumentChanged(string uri)
    {
        foreach (var session in _sessions.Values)
        {
            ReviewCard? card;
            lock (session.Gate)
            {
                if (session.Current is not { } key || session.Items[key].Uri != uri || Render(session, key) is not { } rendered
                    || (rendered.FrontHtml == session.ShownFront && rendered.BackHtml == session.ShownBack))
                {
                    continue;
                }

                (session.ShownFront, session.ShownBack) = (rendered.FrontHtml, rendered.BackHtml);
                card = rendered;
            }

            _ = client.NotifyAsync(Methods.CardChanged, new CardChangedParams { SessionId = session.Id, Card = card });
        }
    }

    private List<(ReviewDeck Deck, List<(Card Card, CardKey CardKey, ReviewKey ReviewKey)> Cards)> Scope(StartReviewParams parameters, ref SessionMode mode)
    {
        if (parameters.Scope == "workspace")
        {
            return decks.All().Select(deck => (deck, deck.ReviewItems().ToList())).ToList();
        }

        if (parameters.Uri is not { } uri)
        {
            throw InvalidParams($"scope \"{parameters.Scope}\" needs a uri");
        }

        var deck = decks.Find(uri) ?? throw InvalidParams($"no deck at {uri}");
        var items = deck.ReviewItems();
        var document = deck.Document;
        var line = parameters.Line ?? 0;
        switch (parameters.Scope)
        {
            case "deck":
                break;
            case "section":
                var section = document.Deck.Sections.LastOrDefault(s => document.Lines.GetLine(s.Heading.Start) <= line
                    && line <= document.Lines.GetLine(Math.Max(s.Span.Start, s.Span.End - 1)))
                    ?? throw InvalidParams($"no section at line {line}");
                items = items.Where(item => document.Deck.IsWithin(item.Card.SectionIndex, section.Index));
                break;
            case "card":
                var card = document.Deck.Cards.FirstOrDefault(c => document.Lines.GetLine(c.Span.Start) <= line
                    && line <= document.Lines.GetLine(c.Span.End)) ?? throw InvalidParams($"no card at line {line}");
                items = items.Where(item => ReferenceEquals(item.Card, card));

                // "Review card" studies that card now, due or not.
                mode = SessionMode.All;
                break;
            default:
                throw InvalidParams($"scope must be deck, section, card or workspace, not \"{parameters.Scope}\"");
        }

        return [(deck, items.ToList())];
    }

    // The card on screen, skipping cards that vanished from their deck since the session was planned.
    private ReviewStep Step(ReviewSession session)
    {
        while (session.Current is { } key)
        {
            if (Render(session, key) is { } card)
            {
                (session.ShownFront, session.ShownBack) = (card.FrontHtml, card.BackHtml);
                return new ReviewStep { SessionId = session.Id, Card = card, Progress = Progress(session) };
            }

            logger.LogInformation("Card {Key} is gone from its deck: skipped", key);
            var gone = CardMemory.New(reviews.Now) with { State = CardState.Review, Due = DateTimeOffset.MaxValue };
            session.Queue = session.Queue.Rated(key, gone);
            session.Current = session.Queue.Next(reviews.Now);
        }

        return new ReviewStep { SessionId = session.Id, Card = null, Progress = Progress(session), Summary = Summary(session) };
    }

    private ReviewCard? Render(ReviewSession session, string key)
    {
        var item = session.Items[key];
        if (decks.Find(item.Uri) is not { } deck || deck.Link.Deck != item.ReviewKey.Deck)
        {
            return null;
        }

        var index = IndexOf(deck.Link.Cards, item.CardKey);
        if (index < 0)
        {
            return null;
        }

        var card = deck.Document.Deck.Cards[index];
        var deletion = item.ReviewKey.Deletion;
        if ((deletion is { } d && card.Deletions.All(x => x.Index != d)) || (item.ReviewKey.Reverse && card.Kind != CardKind.Reversible))
        {
            return null;
        }

        var range = deck.Document.Lines.ToRange(card.Span);
        var intervals = reviews.Replay.IntervalLabels(key, deck.Of(item.ReviewKey).State, reviews.Now);
        try
        {
            var rendered = rendering.Render(card, deck.Document.Text, deck.Path, item.ReviewKey);
            return new ReviewCard
            {
                CardId = key,
                Uri = deck.Uri,
                Range = range,
                FrontHtml = rendered.FrontHtml,
                BackHtml = rendered.BackHtml,
                Intervals = intervals,
            };
        }
        catch (Exception e)
        {
            // One card that cannot be shown is that card's problem: the session (and the rating before it) stand.
            logger.LogError(e, "Could not render card {Key}", key);
            return new ReviewCard
            {
                CardId = key,
                Uri = deck.Uri,
                Range = range,
                FrontHtml = "",
                BackHtml = "",
                Intervals = intervals,
                Problem = $"This card could not be shown ({e.Message}). Rate it to go on, or fix it in the deck at line {range.Start.Line + 1}.",
            };
        }
    }

    private static int IndexOf(IReadOnlyList<CardKey> keys, CardKey key)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i] == key)
            {
                return i;
            }
        }

        return -1;
    }

    private static ReviewProgress Progress(ReviewSession session) => new()
    {
        Done = session.Rated.Count,
        Remaining = session.Queue.Count,
        Total = session.Rated.Count + session.Queue.Count,
    };

    private ReviewSummary Summary(ReviewSession session) => new()
    {
        Reviewed = session.Rated.Select(r => r.Key).Distinct().Count(),
        Ratings = Enumerable.Range(1, 5).ToDictionary(r => r.ToString(), r => session.Ratings[r]),
        DurationMs = (long)(reviews.Now - session.Started).TotalMilliseconds,
    };

    private ReviewSession Get(string id) =>
        _sessions.TryGetValue(id, out var session) ? session : throw InvalidParams($"no review session {id}: it ended or never began");

    /// <summary>Anki's cap on one answer's time (its "maximum answer seconds", 60 by default): a card left open is not a minute's work more.</summary>
    public const long MaxAnswerMs = 60_000;

    // Past a day, a duration is a client's bug (seconds for milliseconds, a clock), not an answer left open.
    private const double MaxPlausibleMs = 86_400_000;

    private static long AnswerTime(double? durationMs)
    {
        switch (durationMs)
        {
            case null:
                return 0;
            case var ms when double.IsNaN(ms.Value) || ms != Math.Floor(ms.Value):
                throw InvalidParams(string.Create(CultureInfo.InvariantCulture, $"durationMs must be a whole number of milliseconds, not {ms}"));
            case < 0:
                throw InvalidParams(string.Create(CultureInfo.InvariantCulture, $"durationMs cannot be negative, not {durationMs}"));
            case > MaxPlausibleMs:
                throw InvalidParams(string.Create(CultureInfo.InvariantCulture, $"durationMs {durationMs:0} is not a plausible answer time (more than a day)"));
            default:
                return Math.Min((long)durationMs.Value, MaxAnswerMs);
        }
    }

    private static LocalRpcException InvalidParams(string message) => new(message) { ErrorCode = (int)JsonRpcErrorCode.InvalidParams };
}

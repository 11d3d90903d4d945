using System.Collections.Concurrent;
using DeckLsp.Core.Model;
using DeckLsp.Core.Rendering;
using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Storage;
using DeckLsp.Server.Workspace;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace DeckLsp.Server.Reviews;

/// <summary>
/// The open study sessions: plans each from its scope, logs each rating durably before answering, undoes the last, and
/// follows the card on screen through edits (docs/reviews.md).
/// </summary>
internal sealed class ReviewSessions(ReviewService reviews, StudyDecks decks, ILanguageClient client, ServerSession server, ILogger<ReviewSessions> logger)
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
        var inScope = Scope(parameters, ref mode);
        var items = new Dictionary<string, SessionItem>(StringComparer.Ordinal);
        var order = new List<string>();
        var introduced = 0;
        var store = reviews.Store;
        foreach (var (deck, cards) in inScope)
        {
            introduced += reviews.NewCardsIntroducedToday(deck.Keys.DeckKey);
            foreach (var (_, cardKey, reviewKey) in cards)
            {
                var key = deck.StoreKey(reviewKey);
                if (items.TryAdd(key, new SessionItem(deck.Uri, deck.Keys.DeckKey, cardKey, reviewKey)))
                {
                    order.Add(key);
                }
            }
        }

        var states = store.GetStates(order);
        var now = reviews.Now;
        var queue = ReviewQueue.Plan(
            order.Select((key, position) => new SessionCard(key, states.GetValueOrDefault(key), position)),
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

        if (parameters.DurationMs is < 0)
        {
            throw InvalidParams("durationMs cannot be negative");
        }

        var session = Get(parameters.SessionId);
        ReviewStep step;
        lock (session.Gate)
        {
            if (session.Current is not { } key)
            {
                throw new LocalRpcException("This session is complete: there is no card to rate.") { ErrorCode = (int)JsonRpcErrorCode.InvalidRequest };
            }

            var item = session.Items[key];
            var store = reviews.Store;
            var now = reviews.Now;
            var before = store.GetState(key);
            var after = reviews.Replay.Apply(key, before, parameters.Rating, now);

            // On disk (committed, synchronous=FULL) before the answer leaves: a crash never loses a rating shown as saved.
            var entry = store.Append(new NewReview(key, item.DeckKey, parameters.Rating, reviews.Scale.GradeOf(parameters.Rating), now,
                parameters.DurationMs ?? 0, before ?? CardMemory.New(now), after));
            session.Rated.Push((entry.Id, key, session.Queue));
            session.Ratings[parameters.Rating]++;
            session.Queue = session.Queue.Rated(key, after);
            session.Current = session.Queue.Next(now);
            step = Step(session);
        }

        CountsChanged();
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

            var result = reviews.Store.Undo(last.LogId);
            if (result.Outcome != UndoOutcome.Undone)
            {
                throw new LocalRpcException(result.Outcome == UndoOutcome.LaterReviewExists
                    ? "This card was reviewed again elsewhere since: that later review stays, so this one cannot be undone."
                    : "That rating is no longer in the history.") { ErrorCode = (int)JsonRpcErrorCode.InvalidRequest };
            }

            session.Rated.Pop();
            session.Ratings[result.Removed!.Rating]--;
            session.Queue = last.QueueBefore;
            session.Current = last.StoreKey;
            step = Step(session);
        }

        CountsChanged();
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

    // Lenses and the status bar show what is due: after a rating or an undo they are out of date.
    private void CountsChanged()
    {
        _ = client.NotifyAsync(Methods.CountsChanged, new CountsChangedParams());
        if (server.Capabilities.CanRefreshCodeLenses)
        {
            _ = client.RefreshCodeLensesAsync().ContinueWith(
                t => logger.LogDebug(t.Exception, "The client did not refresh its code lenses"), TaskContinuationOptions.OnlyOnFaulted);
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

    private List<(StudyDeck Deck, List<(Card Card, string CardKey, string ReviewKey)> Cards)> Scope(StartReviewParams parameters, ref SessionMode mode)
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
        if (decks.Find(item.Uri) is not { } deck || deck.Keys.DeckKey != item.DeckKey)
        {
            return null;
        }

        var index = IndexOf(deck.Keys.Keys, item.CardKey);
        if (index < 0)
        {
            return null;
        }

        var card = deck.Document.Deck.Cards[index];
        var deletion = CardKeys.Split(item.ReviewKey).DeletionIndex;
        if (deletion is { } d && card.Deletions.All(x => x.Index != d))
        {
            return null;
        }

        var folder = Path.GetDirectoryName(deck.Path);
        var rendered = CardRenderer.Render(card, deck.Document.Text, relative => Resolve(folder, relative), deletion);
        return new ReviewCard
        {
            CardId = key,
            Uri = deck.Uri,
            Range = deck.Document.Lines.ToRange(card.Span),
            FrontHtml = rendered.FrontHtml,
            BackHtml = rendered.BackHtml,
            Intervals = reviews.Replay.IntervalLabels(key, reviews.Store.GetState(key), reviews.Now),
        };
    }

    // Relative images and links point at files beside the deck; the client maps file: URIs to what its view may load.
    private static string? Resolve(string? folder, string relative) =>
        folder is null ? null : new Uri(Path.GetFullPath(Path.Combine(folder, relative))).AbsoluteUri;

    private static int IndexOf(IReadOnlyList<string> keys, string key)
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
        Reviewed = session.Rated.Select(r => r.StoreKey).Distinct().Count(),
        Ratings = Enumerable.Range(1, 5).ToDictionary(r => r.ToString(), r => session.Ratings[r]),
        DurationMs = (long)(reviews.Now - session.Started).TotalMilliseconds,
    };

    private ReviewSession Get(string id) =>
        _sessions.TryGetValue(id, out var session) ? session : throw InvalidParams($"no review session {id}: it ended or never began");

    private static LocalRpcException InvalidParams(string message) => new(message) { ErrorCode = (int)JsonRpcErrorCode.InvalidParams };
}

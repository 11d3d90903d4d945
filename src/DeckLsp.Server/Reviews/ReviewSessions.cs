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
            "cram" => SessionMode.Cram,
            _ => throw InvalidParams($"mode must be \"due\", \"all\" or \"cram\", not \"{parameters.Mode}\""),
        };
        var reviewOrder = parameters.Order switch
        {
            null or "due" => ReviewOrder.Due,
            "retrievability" => ReviewOrder.Retrievability,
            _ => throw InvalidParams($"order must be \"due\" or \"retrievability\", not \"{parameters.Order}\""),
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

        var session = SessionPlan.Start(Guid.NewGuid().ToString("N"), inScope, mode, reviews.Now,
            reviews.SessionOptions with { ReviewOrder = reviewOrder }, counts.Introduced);
        _sessions[session.Id] = session;
        lock (session.Gate)
        {
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
            var deck = decks.Find(item.Uri);
            var seen = SessionLog.Rate(session, deck, parameters.Rating, durationMs, reviews.Now, reviews.Replay.Scale, reviews.BalanceIn);
            writer.Enqueue($"keep the text of {key}", () => source.RecordSeen(item.ReviewKey.Deck, seen));
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
            if (session.Rated.TryPeek(out var last))
            {
                reviews.Loaded(session.Items[last.Key].Source);
            }

            if (SessionLog.Undo(session, reviews.Now) is { } problem)
            {
                throw new LocalRpcException(problem) { ErrorCode = (int)JsonRpcErrorCode.InvalidRequest };
            }

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
        var tags = parameters.Tags ?? [];
        if (SessionPlan.TagProblem(tags) is { } problem)
        {
            throw InvalidParams(problem);
        }

        IEnumerable<(Card Card, CardKey CardKey, ReviewKey ReviewKey)> Tagged(ReviewDeck deck, IEnumerable<(Card Card, CardKey CardKey, ReviewKey ReviewKey)> items) =>
            SessionPlan.Tagged(deck, items, tags);

        if (parameters.Scope == "workspace")
        {
            return decks.All().Select(deck => (deck, Tagged(deck, deck.ReviewItems()).ToList())).ToList();
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

                // "Review card" studies that card now, due or not (a cram of it stays a cram).
                if (mode != SessionMode.Cram)
                {
                    mode = SessionMode.All;
                }

                break;
            default:
                throw InvalidParams($"scope must be deck, section, card or workspace, not \"{parameters.Scope}\"");
        }

        return [(deck, Tagged(deck, items).ToList())];
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

    /// <summary>The card on screen in a session, as text (for editors that study through messages); null when the session is over.</summary>
    public TextCard? TextOf(string sessionId)
    {
        var session = Get(sessionId);
        lock (session.Gate)
        {
            return session.Current is { } key && Find(session, key) is var (deck, card, deletion)
                ? TextRenderer.Render(card, deck.Document.Text, deletion, session.Items[key].ReviewKey.Reverse)
                : null;
        }
    }

    // The card a session's key names now, in the deck's current snapshot; null when it is gone.
    private (ReviewDeck Deck, Card Card, int? Deletion)? Find(ReviewSession session, string key)
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
        var reverseGone = item.ReviewKey.Reverse && card.Kind != CardKind.Reversible;
        return (deletion is { } d && card.Deletions.All(x => x.Index != d)) || reverseGone ? null : (deck, card, deletion);
    }

    private ReviewCard? Render(ReviewSession session, string key)
    {
        if (Find(session, key) is not var (deck, card, _))
        {
            return null;
        }

        var item = session.Items[key];

        var range = deck.Document.Lines.ToRange(card.Span);
        var intervals = SessionLog.Intervals(session, key, reviews.Now, reviews.BalanceIn);
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

using System.Text;
using DeckLsp.Core.Model;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;
using DeckLsp.Server.Reviews;
using Microsoft.Extensions.Logging;
using DeckLsp.Core.Text;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Workspace;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary>Over a card's marker (<c>Q:</c>, <c>A:</c>, <c>C:</c>): the card's kind, id, answer and review history.</summary>
internal sealed class HoverHandler(DocumentStore store, ReviewDecks decks, ReviewService reviews, ILogger<HoverHandler> logger) : ILspHandler
{
    [JsonRpcMethod(Methods.Hover, UseSingleObjectParameterDeserialization = true)]
    public async Task<Hover?> HoverAsync(HoverParams parameters)
    {
        await reviews.WhenLoaded([store.Get(parameters.TextDocument.Uri)?.Link?.Source], ReviewService.LoadPatience).ConfigureAwait(false);
        var snapshot = store.Current;
        if (snapshot.Get(parameters.TextDocument.Uri) is not { } open)
        {
            return null;
        }

        var document = open.Document;
        var offset = document.Lines.ToOffset(parameters.Position, document.Text);
        // Markers lie inside their card's span and cards do not overlap: only the card starting at or before the offset
        // and the one before it can touch it (the earlier first, as a walk in order would find them).
        var cards = document.Deck.Cards;
        var last = document.Deck.LastCardStartingAtOrBefore(offset);
        for (var i = Math.Max(0, last - 1); i <= last; i++)
        {
            var card = cards[i];
            var marker = card.Marker.Touches(offset) ? card.Marker
                : card.AnswerMarker is { } answer && answer.Touches(offset) ? answer
                : (TextSpan?)null;
            if (marker is { } span)
            {
                return new Hover
                {
                    Contents = MarkupContent.Markdown(Describe(card, document.Text) + History(snapshot, parameters.TextDocument.Uri, card)),
                    Range = document.Lines.ToRange(span),
                };
            }
        }

        return null;
    }

    // Last ratings, when it is due, stability, difficulty and retrievability now: for each review item of the card.
    private string History(DocumentSnapshot snapshot, string uri, Card card)
    {
        try
        {
            if (decks.Find(snapshot, uri) is not { } study || study.Link.KeyOf(study.Document, card) is not { } key)
            {
                return "";
            }

            var markdown = new StringBuilder("\n\n---\n\n");
            var now = reviews.Now;
            foreach (var review in study.Link.ReviewKeysOf(card, key))
            {
                var history = study.Of(review);
                var label = review.Deletion is { } deletion ? $"Deletion {deletion}: "
                    : review.Reverse ? "Reverse (answer → question): "
                    : card.Kind == CardKind.Reversible ? "Forward (question → answer): "
                    : "";
                if (history.State is not { } memory)
                {
                    markdown.Append($"{label}new, never reviewed\n\n");
                    continue;
                }

                var last = history.Ratings.Where(r => !r.Cram).TakeLast(5).Select(r => r.Rating);
                var due = memory.Due <= now ? "due now" : $"due in {FsrsScheduler.FormatInterval(memory.Due - now)}";
                markdown.Append($"{label}{due} · last ratings {string.Join(", ", last)}")
                    .Append($" · stability {memory.Stability:0.##}d · difficulty {memory.Difficulty:0.##}")
                    .Append($" · retrievability {study.Replay.Scheduler.Retrievability(memory, now):P0}\n\n");
            }

            return markdown.ToString().TrimEnd();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "No review history in the hover of {Uri}", uri);
            return "";
        }
    }

    internal static string Describe(Card card, string text)
    {
        var markdown = new StringBuilder();
        markdown.Append(card.Kind switch
        {
            CardKind.Cloze => "**Cloze card**",
            CardKind.Reversible => "**Reversible card** (studied both ways)",
            _ => "**Basic card**",
        });
        markdown.Append(card.Id is { } id ? $" · id `{id}`" : " · no id");
        markdown.Append("\n\n---\n\n");
        if (card.Kind == CardKind.Cloze)
        {
            if (card.Deletions.Count == 0)
            {
                markdown.Append("_No deletions yet: wrap the hidden text in `{{…}}`._");
            }

            foreach (var deletion in card.Deletions)
            {
                var hidden = deletion.HidesSomething ? deletion.Text : "_hides nothing, so it is not reviewed_";
                markdown.Append($"{deletion.Index}. {hidden}{(deletion.Hint is { } hint ? $" _(hint: {hint})_" : "")}\n");
            }
        }
        else if (card.Answer is { IsEmpty: false } answer)
        {
            markdown.Append(text, answer.Start, answer.Length);
        }
        else
        {
            markdown.Append("_No answer yet._");
        }

        return markdown.ToString().TrimEnd();
    }
}

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
internal sealed class HoverHandler(DocumentStore store, StudyDecks decks, ReviewService reviews, ILogger<HoverHandler> logger) : ILspHandler
{
    [JsonRpcMethod(Methods.Hover, UseSingleObjectParameterDeserialization = true)]
    public Hover? Hover(HoverParams parameters)
    {
        if (store.Get(parameters.TextDocument.Uri) is not { } open)
        {
            return null;
        }

        var document = open.Document;
        var offset = document.Lines.ToOffset(parameters.Position, document.Text);
        foreach (var card in document.Deck.Cards)
        {
            var marker = card.Marker.Touches(offset) ? card.Marker
                : card.AnswerMarker is { } answer && answer.Touches(offset) ? answer
                : (TextSpan?)null;
            if (marker is { } span)
            {
                return new Hover
                {
                    Contents = MarkupContent.Markdown(Describe(card, document.Text) + History(parameters.TextDocument.Uri, card)),
                    Range = document.Lines.ToRange(span),
                };
            }
        }

        return null;
    }

    // Last ratings, when it is due, stability, difficulty and retrievability now: for each review item of the card.
    private string History(string uri, Card card)
    {
        try
        {
            if (decks.Find(uri) is not { } study || study.Keys.KeyOf(study.Document, card) is not { } key)
            {
                return "";
            }

            var markdown = new StringBuilder("\n\n---\n\n");
            var now = reviews.Now;
            foreach (var review in CardKeys.ReviewKeys(card, key))
            {
                var storeKey = study.StoreKey(review);
                var label = CardKeys.Split(review).DeletionIndex is { } deletion ? $"Deletion {deletion}: " : "";
                if (reviews.Store.GetState(storeKey) is not { } memory)
                {
                    markdown.Append($"{label}new, never reviewed\n\n");
                    continue;
                }

                var log = reviews.Store.GetLog(storeKey, limit: 5);
                var due = memory.Due <= now ? "due now" : $"due in {FsrsScheduler.FormatInterval(memory.Due - now)}";
                markdown.Append($"{label}{due} · last ratings {string.Join(", ", log.Select(l => l.Rating))}")
                    .Append($" · stability {memory.Stability:0.##}d · difficulty {memory.Difficulty:0.##}")
                    .Append($" · retrievability {reviews.Scheduler.Retrievability(memory, now):P0}\n\n");
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
        markdown.Append(card.Kind == CardKind.Cloze ? "**Cloze card**" : "**Basic card**");
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
                markdown.Append($"{deletion.Index}. {deletion.Text}{(deletion.Hint is { } hint ? $" _(hint: {hint})_" : "")}\n");
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

using System.Text;
using DeckLsp.Core.Model;
using DeckLsp.Core.Text;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Workspace;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary>Over a card's marker (<c>Q:</c>, <c>A:</c>, <c>C:</c>): the card's kind, id and answer.</summary>
internal sealed class HoverHandler(DocumentStore store) : ILspHandler
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
                    Contents = MarkupContent.Markdown(Describe(card, document.Text)),
                    Range = document.Lines.ToRange(span),
                };
            }
        }

        return null;
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

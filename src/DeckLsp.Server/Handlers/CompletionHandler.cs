using System.Text.RegularExpressions;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Model;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Workspace;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary>
/// Markers and a card snippet at the start of a line; <c>id:</c> inside a <c>&lt;!-- </c> comment; after
/// <c>&lt;!-- id: </c>, a fresh id made from the card's question.
/// </summary>
internal sealed partial class CompletionHandler(DocumentStore store) : ILspHandler
{
    private static readonly (string Marker, string Detail)[] Markers =
    [
        ("Q:", "Question: starts a card"),
        ("A:", "Answer to the question above"),
        ("C:", "Cloze card: hide text with {{…}}"),
    ];

    [JsonRpcMethod(Methods.Completion, UseSingleObjectParameterDeserialization = true)]
    public CompletionList Completion(CompletionParams parameters)
    {
        if (store.Get(parameters.TextDocument.Uri) is not { } open)
        {
            return new CompletionList { Items = [] };
        }

        var document = open.Document;
        var offset = document.Lines.ToOffset(parameters.Position, document.Text);
        var line = document.Lines.GetLine(offset);
        var lineStart = document.Lines.LineStart(line);
        var prefix = document.Text[lineStart..offset];

        if (IdValue().Match(prefix) is { Success: true } idValue)
        {
            return List(FreshId(document, offset, Replace(parameters.Position, idValue.Groups["typed"].Length)));
        }

        if (IdKey().Match(prefix) is { Success: true } idKey)
        {
            var edit = Replace(parameters.Position, idKey.Groups["typed"].Length, "id: ");
            return List(new CompletionItem { Label = "id:", Kind = CompletionItemKind.Keyword, Detail = "The card's id", TextEdit = edit, FilterText = "id:" });
        }

        if (LineStart().Match(prefix) is { Success: true } start)
        {
            var typed = start.Groups["typed"].Length;
            var items = Markers
                .Select((m, i) => new CompletionItem
                {
                    Label = m.Marker,
                    Kind = CompletionItemKind.Keyword,
                    Detail = m.Detail,
                    TextEdit = Replace(parameters.Position, typed, m.Marker + " "),
                    FilterText = m.Marker,
                    SortText = $"0{i}",
                })
                .Append(new CompletionItem
                {
                    Label = "card",
                    Kind = CompletionItemKind.Snippet,
                    Detail = "A question and its answer",
                    InsertTextFormat = InsertTextFormat.Snippet,
                    TextEdit = Replace(parameters.Position, typed, "Q: $1\n\nA: $0"),
                    FilterText = "card",
                    SortText = "10",
                });
            return List(items.ToArray());
        }

        return new CompletionList { Items = [] };
    }

    private static CompletionList List(params CompletionItem[] items) => new() { Items = items };

    private static CompletionItem FreshId(DeckDocument document, int offset, Func<string, TextEdit> edit)
    {
        var cards = document.Deck.Cards;
        var card = cards.LastOrDefault(c => c.Marker.Start <= offset) ?? cards.FirstOrDefault();
        var question = card is null ? "" : document.Text.Substring(card.Question.Start, card.Question.Length);
        var taken = cards.Select(c => c.Id).OfType<string>().ToHashSet();
        var id = CardIds.Fresh(question, taken);
        return new CompletionItem
        {
            Label = id,
            Kind = CompletionItemKind.Value,
            Detail = "A fresh card id from the question",
            TextEdit = edit(id),
            FilterText = id,
        };
    }

    // The edit replaces what was typed of the word before the cursor.
    private static Func<string, TextEdit> Replace(Position cursor, int typed) => text => Replace(cursor, typed, text);

    private static TextEdit Replace(Position cursor, int typed, string text) => new()
    {
        Range = new Protocol.Range { Start = cursor with { Character = cursor.Character - typed }, End = cursor },
        NewText = text,
    };

    [GeneratedRegex(@"^ {0,3}(?<typed>[A-Za-z]?)$")]
    private static partial Regex LineStart();

    [GeneratedRegex(@"<!--\s*(?<typed>[A-Za-z]*)$")]
    private static partial Regex IdKey();

    [GeneratedRegex(@"<!--\s*id:\s*(?<typed>[A-Za-z0-9_-]*)$")]
    private static partial Regex IdValue();
}

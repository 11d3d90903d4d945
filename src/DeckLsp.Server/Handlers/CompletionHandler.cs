using System.Text.RegularExpressions;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Model;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Workspace;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary>
/// Markers and a card snippet at the start of a line; <c>id:</c> and <c>tags:</c> inside a <c>&lt;!-- </c> comment;
/// after <c>&lt;!-- id: </c>, a fresh id made from the card's question; after <c>&lt;!-- tags: </c>, the tags used in
/// the workspace's decks (open and indexed), most used first, leaving out those the comment already names.
/// </summary>
internal sealed partial class CompletionHandler(DocumentStore store, WorkspaceIndex index) : ILspHandler
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

        if (TagsValue().Match(prefix) is { Success: true } tagsValue)
        {
            return List(Tags(document, tagsValue.Groups["before"].Value, Replace(parameters.Position, tagsValue.Groups["typed"].Length)));
        }

        if (IdKey().Match(prefix) is { Success: true } idKey)
        {
            var typed = idKey.Groups["typed"].Length;
            return List(
                new CompletionItem
                {
                    Label = "id:", Kind = CompletionItemKind.Keyword, Detail = "The card's id",
                    TextEdit = Replace(parameters.Position, typed, "id: "), FilterText = "id:",
                },
                new CompletionItem
                {
                    Label = "tags:", Kind = CompletionItemKind.Keyword, Detail = "The card's tags, separated by commas or spaces",
                    TextEdit = Replace(parameters.Position, typed, "tags: "), FilterText = "tags:",
                });
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

    private CompletionItem[] Tags(DeckDocument document, string before, Func<string, TextEdit> edit)
    {
        var named = CardTags.Words(before, 0).Select(w => w.Tag).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var documents = store.Current.Documents.Values.Select(d => d.Document)
            .Concat(index.Decks.Select(d => d.Document).OfType<DeckDocument>())
            .Prepend(document)
            .Distinct();
        var uses = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var deck in documents.Select(d => d.Deck))
        {
            foreach (var tag in deck.Tags.Concat(deck.Cards.SelectMany(c => c.Tags)).Where(CardTags.IsValid))
            {
                uses[tag] = uses.GetValueOrDefault(tag) + 1;
            }
        }

        return uses.Where(u => !named.Contains(u.Key))
            .OrderByDescending(u => u.Value).ThenBy(u => u.Key, StringComparer.OrdinalIgnoreCase)
            .Select((u, i) => new CompletionItem
            {
                Label = u.Key,
                Kind = CompletionItemKind.Value,
                Detail = u.Value == 1 ? "a tag used once" : $"a tag used {u.Value} times",
                TextEdit = edit(u.Key),
                FilterText = u.Key,
                SortText = i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture),
            })
            .ToArray();
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

    // Inside a tags comment: the tags before the one being typed, and what was typed of it (a leading # is kept).
    [GeneratedRegex(@"<!--\s*tags:(?<before>(?:(?!-->).)*?)(?<typed>#?[^\s,#]*)$")]
    private static partial Regex TagsValue();
}

using DeckLsp.Core.Documents;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Workspace;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary>Study lenses: one above the deck, one above each section heading, one above each card.</summary>
internal sealed class CodeLensHandler(DocumentStore store) : ILspHandler
{
    [JsonRpcMethod(Methods.CodeLens, UseSingleObjectParameterDeserialization = true)]
    public CodeLens[] CodeLens(DocumentParams parameters)
    {
        var uri = parameters.TextDocument.Uri;
        if (store.Get(uri) is not { } open)
        {
            return [];
        }

        var document = open.Document;
        var deck = document.Deck;
        var lines = document.Lines;
        var lenses = new List<CodeLens> { Lens(uri, DeckLine(document), $"Study deck ({Cards(deck.Cards.Count)})", "deck") };

        var counts = new int[deck.Sections.Count];
        foreach (var card in deck.Cards)
        {
            for (var section = card.SectionIndex; section >= 0; section = deck.Sections[section].ParentIndex)
            {
                counts[section]++;
            }
        }

        foreach (var section in deck.Sections)
        {
            lenses.Add(Lens(uri, lines.GetLine(section.Heading.Start), $"Study section ({Cards(counts[section.Index])})", "section"));
        }

        foreach (var card in deck.Cards)
        {
            lenses.Add(Lens(uri, lines.GetLine(card.Marker.Start), "Review card", "card"));
        }

        return lenses.ToArray();
    }

    internal static string Cards(int count) => count == 1 ? "1 card" : $"{count} cards";

    // The deck's lens sits on its title heading when nothing but blank lines comes before it; else on the first line
    // (where front matter, when there is some, starts).
    private static int DeckLine(DeckDocument document)
    {
        var title = document.Deck.Sections.FirstOrDefault(s => s.Level == 1);
        return title is not null && string.IsNullOrWhiteSpace(document.Text[..title.Heading.Start])
            ? document.Lines.GetLine(title.Heading.Start)
            : 0;
    }

    private static CodeLens Lens(string uri, int line, string title, string scope)
    {
        var at = new Position { Line = line, Character = 0 };
        return new CodeLens
        {
            Range = new Protocol.Range { Start = at, End = at },
            Command = new Command
            {
                Title = title,
                Name = StudyArguments.CommandName,
                Arguments = [new StudyArguments { Uri = uri, Scope = scope, Line = line }],
            },
        };
    }
}

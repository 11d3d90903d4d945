using DeckLsp.Core.Documents;
using DeckLsp.Core.Interop;
using DeckLsp.Core.Model;
using DeckLsp.Core.Tests.Scheduling;

namespace DeckLsp.Core.Tests.Interop;

/// <summary>The helper of the interop tests: write an imported deck, parse it back, and read its cards as plain records.</summary>
internal static class InteropCheck
{
    /// <summary>A card as the parsed deck has it: kind, question and answer source without id comments, and its id.</summary>
    public sealed record ReadCard(CardKind Kind, string Question, string? Answer, string? Id = null);

    public static string Fixture(string name) => Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "interop", name);

    public static string Sample(string name) => Path.Combine(RepositoryPaths.Root, "samples", name);

    /// <summary>Writes the deck, parses the text, and checks that the parse has no diagnostic and as many cards.</summary>
    public static DeckDocument WriteAndParse(ImportedDeck deck)
    {
        var text = DeckWriter.Write(deck);
        var document = DeckDocument.Parse(text, "imported.deck.md");
        Assert.True(document.Diagnostics.Count == 0,
            "The written deck has diagnostics:\n" + string.Join('\n', document.Diagnostics.Select(d => DeckCheck.Format(document, d) + " " + d.Message)) + "\n---\n" + text);
        Assert.Equal(deck.Cards.Count, document.Deck.Cards.Count);
        return document;
    }

    public static IReadOnlyList<ReadCard> Cards(DeckDocument document) => document.Deck.Cards.Select(card => new ReadCard(
        card.Kind,
        Side(document.Text.Substring(card.Question.Start, card.Question.Length)),
        card.Answer is { } answer ? Side(document.Text.Substring(answer.Start, answer.Length)) : null,
        card.Id)).ToList();

    public static ImportedDeck Imported(ImportResult result)
    {
        Assert.True(result.Problem is null, result.Problem);
        return result.Deck!;
    }

    private static string Side(string markdown) => Model.CardText.WithoutComments(markdown).Trim();
}

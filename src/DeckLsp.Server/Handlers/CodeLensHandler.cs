using DeckLsp.Core.Documents;
using DeckLsp.Core.Model;
using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;
using DeckLsp.Server.Reviews;
using Microsoft.Extensions.Logging;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Workspace;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary>
/// Study lenses: one above the deck, one above each section heading, one above each card, with what is due from the
/// review history. A history that cannot be read leaves the lenses without counts, never without lenses. The snapshot and
/// its card keys are taken on arrival; the rest runs off the reading loop, cancellable between cards.
/// </summary>
internal sealed class CodeLensHandler(DocumentStore store, ReviewDecks decks, ReviewCounts counts, ReviewService reviews,
    ILogger<CodeLensHandler> logger) : ILspHandler
{
    [JsonRpcMethod(Methods.CodeLens, UseSingleObjectParameterDeserialization = true)]
    public async Task<CodeLens[]> CodeLensAsync(DocumentParams parameters, CancellationToken cancellationToken)
    {
        var uri = parameters.TextDocument.Uri;
        await reviews.WhenLoaded([store.Get(uri)?.Link?.Source], ReviewService.LoadPatience, cancellationToken).ConfigureAwait(false);
        var snapshot = store.Current;
        if (snapshot.Get(uri) is not { } open)
        {
            return [];
        }

        var document = open.Document;
        var deck = document.Deck;
        var lines = document.Lines;
        var study = Study(snapshot, uri);
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        var counted = study is null ? default : Counts(study);
        var lenses = new List<CodeLens>
        {
            Lens(uri, DeckLine(document), $"Study deck ({Summary(counted.Deck, deck.Cards.Count)})", "deck"),
        };

        var sizes = new int[deck.Sections.Count];
        foreach (var card in deck.Cards)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var section = card.SectionIndex; section >= 0; section = deck.Sections[section].ParentIndex)
            {
                sizes[section]++;
            }
        }

        foreach (var section in deck.Sections)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var index = section.Index;
            lenses.Add(Lens(uri, lines.GetLine(section.Heading.Start),
                $"Study section ({Summary(counted.Sections?[index], sizes[index])})", "section"));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var due = study is null ? null : DueOfCards(study);
        foreach (var card in deck.Cards)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var title = due is not null && due.TryGetValue(card, out var when) ? $"Review card · {when}" : "Review card";
            lenses.Add(Lens(uri, lines.GetLine(card.Marker.Start), title, "card"));
        }

        return lenses.ToArray();
    }

    // The snapshot the lenses are computed from must be the one the keys belong to.
    private ReviewDeck? Study(DocumentSnapshot snapshot, string uri)
    {
        try
        {
            return decks.Find(snapshot, uri);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "No review counts for {Uri}", uri);
            return null;
        }
    }

    // One read of the history for the deck and all its sections; counts stay off the lenses if it cannot be read.
    private (DeckCounts? Deck, DeckCounts[]? Sections) Counts(ReviewDeck study)
    {
        try
        {
            return counts.OfDeckAndSections(study);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "No review counts for {Uri}", study.Uri);
            return default;
        }
    }

    private static string Summary(DeckCounts? due, int cards) =>
        due is null ? Cards(cards) : $"{Cards(due.Total)} · {due.Due} due · {due.New} new";

    // "due now", "due in 3d" or "new": for a cloze card, its earliest deletion.
    private Dictionary<Card, string> DueOfCards(ReviewDeck study)
    {
        var now = reviews.Now;
        var result = new Dictionary<Card, string>(ReferenceEqualityComparer.Instance);
        foreach (var (card, due) in study.DueOfCards(now))
        {
            result[card] = due.IsNew ? "new" : due.Due <= now ? "due now" : "due " + due.When(now);
        }

        return result;
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

using System.Runtime.CompilerServices;
using System.Text.Json;
using DeckLsp.Core.Documents;
using DeckLsp.Core.History;
using DeckLsp.Core.Reviews;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;
using DeckLsp.Server.Workspace;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary>
/// Study lenses: one above the deck, one above each section heading, one above each card, with what is due from the
/// review history. <c>textDocument/codeLens</c> answers where the lenses are and what each stands for, from the text
/// alone (written once per document version); <c>codeLens/resolve</c> gives one lens its title and command, which the
/// editor asks for the lenses on screen only. A history that cannot be read leaves the lenses without counts, never
/// without lenses; a lens of an older version of the document is resolved without counts, never refused.
/// </summary>
internal sealed class CodeLensHandler(DocumentStore store, ReviewDecks decks, ReviewCounts counts, ReviewService reviews,
    ILogger<CodeLensHandler> logger) : ILspHandler
{
    private static readonly JsonEncodedText DeckScope = JsonEncodedText.Encode("deck");
    private static readonly JsonEncodedText SectionScope = JsonEncodedText.Encode("section");
    private static readonly JsonEncodedText CardScope = JsonEncodedText.Encode("card");
    private static readonly JsonEncodedText RangeName = JsonEncodedText.Encode("range");
    private static readonly JsonEncodedText DataName = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText UriName = JsonEncodedText.Encode("uri");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
    private static readonly JsonEncodedText Scope = JsonEncodedText.Encode("scope");
    private static readonly JsonEncodedText Index = JsonEncodedText.Encode("index");

    // The lenses of each open document version; they depend on its text alone.
    private readonly ConditionalWeakTable<OpenDocument, PreparedJson> _lenses = [];

    // The deck's and its sections' counts for one text, its keys and its history, reused for a minute (the counts
    // depend on the clock too): resolving a screen of section lenses reads the history once.
    private readonly ConditionalWeakTable<DeckDocument, Counted> _counted = [];

    private sealed record Counted(DeckLink? Link, ReviewHistory? History, DateTimeOffset At, DeckCounts? Deck, DeckCounts[]? Sections, int[] Sizes);

    [JsonRpcMethod(Methods.CodeLens, UseSingleObjectParameterDeserialization = true)]
    public async Task<PreparedJson> CodeLensAsync(DocumentParams parameters, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (store.Get(parameters.TextDocument.Uri) is not { } open)
        {
            return PreparedJson.EmptyArray;
        }

        if (_lenses.TryGetValue(open, out var known))
        {
            return known;
        }

        await Task.Yield();
        var lenses = Lenses(open, cancellationToken);
        _lenses.AddOrUpdate(open, lenses);
        return lenses;
    }

    [JsonRpcMethod(Methods.CodeLensResolve, UseSingleObjectParameterDeserialization = true)]
    public async Task<CodeLens> ResolveAsync(CodeLens lens, CancellationToken cancellationToken)
    {
        if (lens.Data is not { } data)
        {
            // Not one of ours to resolve: it goes back as it came.
            return lens;
        }

        await reviews.WhenLoaded([store.Get(data.Uri)?.Link?.Source], ReviewService.LoadPatience, cancellationToken).ConfigureAwait(false);
        var snapshot = store.Current;
        string? title = null;
        if (snapshot.Get(data.Uri) is { } open && open.Version == data.Version)
        {
            try
            {
                title = Title(snapshot, open, data);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "No title for the {Scope} lens {Index} of {Uri}", data.Scope, data.Index, data.Uri);
            }
        }

        var line = lens.Range.Start.Line;
        return lens with
        {
            Command = new Command
            {
                Title = title ?? Plain(data.Scope),
                Name = StudyArguments.CommandName,
                Arguments = [new StudyArguments { Uri = data.Uri, Scope = data.Scope, Line = line }],
            },
        };
    }

    // The lenses of one version, in the order they always had: the deck's, the sections', the cards'.
    private static PreparedJson Lenses(OpenDocument open, CancellationToken cancellationToken)
    {
        var document = open.Document;
        var deck = document.Deck;
        var lines = document.Lines;
        var uri = JsonEncodedText.Encode(open.Uri);
        return PreparedJson.Write(writer =>
        {
            writer.WriteStartArray();
            Lens(writer, DeckLine(document), uri, open.Version, DeckScope, 0);
            foreach (var section in deck.Sections)
            {
                Lens(writer, lines.GetLine(section.Heading.Start), uri, open.Version, SectionScope, section.Index);
            }

            var cards = deck.Cards;
            for (var i = 0; i < cards.Count; i++)
            {
                if (i % 1024 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                Lens(writer, lines.GetLine(cards[i].Marker.Start), uri, open.Version, CardScope, i);
            }

            writer.WriteEndArray();
        });
    }

    // A CodeLens with its CodeLensData, written as the serializer would write the DTOs.
    private static void Lens(Utf8JsonWriter writer, int line, JsonEncodedText uri, int version, JsonEncodedText scope, int index)
    {
        writer.WriteStartObject();
        PreparedLsp.Range(writer, RangeName, line, 0, line, 0);
        writer.WriteStartObject(DataName);
        writer.WriteString(UriName, uri);
        writer.WriteNumber(Version, version);
        writer.WriteString(Scope, scope);
        writer.WriteNumber(Index, index);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    // The title a lens of the current version gets; null when what it stands for is not in the deck.
    private string? Title(DocumentSnapshot snapshot, OpenDocument open, CodeLensData data)
    {
        var deck = open.Document.Deck;
        switch (data.Scope)
        {
            case "deck":
            {
                var counted = Counts(snapshot, open);
                return $"Study deck ({Summary(counted.Deck, deck.Cards.Count)})";
            }

            case "section" when data.Index >= 0 && data.Index < deck.Sections.Count:
            {
                var counted = Counts(snapshot, open);
                return $"Study section ({Summary(counted.Sections?[data.Index], counted.Sizes[data.Index])})";
            }

            case "card" when data.Index >= 0 && data.Index < deck.Cards.Count:
            {
                var now = reviews.Now;
                var due = Study(snapshot, open.Uri)?.DueOf(data.Index, now);
                return due is null ? "Review card" : $"Review card · {(due.IsNew ? "new" : due.Due <= now ? "due now" : "due " + due.When(now))}";
            }

            default:
                return null;
        }
    }

    private static string Plain(string scope) => scope switch
    {
        "deck" => "Study deck",
        "section" => "Study section",
        _ => "Review card",
    };

    // The deck's and every section's counts, from one read of the history, kept while the snapshot, its keys and its
    // history stay the same, for a minute at most.
    private Counted Counts(DocumentSnapshot snapshot, OpenDocument open)
    {
        var now = reviews.Now;
        var study = Study(snapshot, open.Uri);
        if (_counted.TryGetValue(open.Document, out var known) && ReferenceEquals(known.Link, study?.Link) &&
            ReferenceEquals(known.History, study?.History) && now - known.At < TimeSpan.FromMinutes(1) && now >= known.At)
        {
            return known;
        }

        var deck = open.Document.Deck;
        var sizes = new int[deck.Sections.Count];
        foreach (var card in deck.Cards)
        {
            for (var section = card.SectionIndex; section >= 0; section = deck.Sections[section].ParentIndex)
            {
                sizes[section]++;
            }
        }

        var (deckCounts, sectionCounts) = study is null ? default : OfDeckAndSections(study);
        var counted = new Counted(study?.Link, study?.History, now, deckCounts, sectionCounts, sizes);
        _counted.AddOrUpdate(open.Document, counted);
        return counted;
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
    private (DeckCounts? Deck, DeckCounts[]? Sections) OfDeckAndSections(ReviewDeck study)
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
}

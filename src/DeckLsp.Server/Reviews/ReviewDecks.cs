using System.Runtime.CompilerServices;
using DeckLsp.Core.Documents;
using DeckLsp.Core.History;
using DeckLsp.Server.Workspace;

namespace DeckLsp.Server.Reviews;

/// <summary>
/// Finds decks to review: open ones from the editor's snapshot (text and keys together), closed ones from the
/// workspace index (parsed when read from disk), each with its history as it is now.
/// </summary>
internal sealed class ReviewDecks(DocumentStore store, WorkspaceIndex index, ReviewService reviews)
{
    // A closed deck's keys, computed once per deck text and history snapshot.
    private readonly ConditionalWeakTable<DeckDocument, Linked> _closed = [];

    private sealed record Linked(ReviewHistory History, DeckLink Link);

    /// <summary>The deck at <paramref name="uri"/>, open or (from the index, else from disk) closed; null when there is none.</summary>
    public ReviewDeck? Find(string uri) => Find(store.Current, uri);

    public ReviewDeck? Find(DocumentSnapshot snapshot, string uri)
    {
        if (snapshot.Get(uri) is { } open)
        {
            return open.Link is { } link ? new ReviewDeck(uri, open.Path, open.Document, link, link.Source.Current) : null;
        }

        if (DeckUri.ToPath(uri) is not { } path)
        {
            return null;
        }

        var document = index.Get(path)?.Document ?? FromDisk(path);
        return document is null ? null : Closed(uri, path, document);
    }

    /// <summary>Every deck of the workspace, open or not, from one snapshot of the open ones.</summary>
    public IEnumerable<ReviewDeck> All()
    {
        var snapshot = store.Current;
        var openPaths = new HashSet<string>(snapshot.Documents.Values.Select(d => d.Path).OfType<string>(), WorkspaceIndex.PathComparer);
        foreach (var open in snapshot.Documents.Values)
        {
            if (Find(snapshot, open.Uri) is { } deck)
            {
                yield return deck;
            }
        }

        foreach (var indexed in index.Decks)
        {
            if (DeckUri.ToPath(indexed.Uri) is { } path && !openPaths.Contains(path) && indexed.Document is { } document)
            {
                yield return Closed(indexed.Uri, path, document);
            }
        }
    }

    private ReviewDeck Closed(string uri, string path, DeckDocument document)
    {
        var source = reviews.SourceFor(path);
        var history = source.Current;
        if (!_closed.TryGetValue(document, out var linked) || !ReferenceEquals(linked.History, history) || !ReferenceEquals(linked.Link.Source, source))
        {
            linked = new Linked(history, DeckLink.Link(source, source.PlacementPath(path), document));
            _closed.AddOrUpdate(document, linked);
        }

        return new ReviewDeck(uri, path, document, linked.Link, history);
    }

    // A deck outside the workspace folders (a session's card whose deck was closed): read when asked for.
    private static DeckDocument? FromDisk(string path)
    {
        try
        {
            return File.Exists(path) ? DeckFileReader.Read(path).Document : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

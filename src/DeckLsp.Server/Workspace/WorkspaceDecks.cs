namespace DeckLsp.Server.Workspace;

/// <summary>The workspace's decks as search sees them: open ones from the editor's text, closed ones from the index.</summary>
internal sealed class WorkspaceDecks(DocumentStore store, WorkspaceIndex index)
{
    public IEnumerable<IndexedDeck> All()
    {
        var open = store.Current.Documents.Values;
        var openPaths = new HashSet<string>(open.Select(d => d.Path).OfType<string>(), WorkspaceIndex.PathComparer);
        foreach (var document in open)
        {
            yield return IndexedDeck.From(document.Uri, document.Document);
        }

        foreach (var deck in index.Decks)
        {
            if (DeckUri.ToPath(deck.Uri) is not { } path || !openPaths.Contains(path))
            {
                yield return deck;
            }
        }
    }
}

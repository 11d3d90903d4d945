using System.Collections.Concurrent;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Model;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Reviews;
using DeckLsp.Server.Workspace;

namespace DeckLsp.Server.Reviews;

/// <summary>A deck as studying sees it: where it is, its snapshot, and its cards' keys in that snapshot.</summary>
internal sealed record StudyDeck(string Uri, string Path, DeckDocument Document, DeckKeys Keys)
{
    /// <summary>Every card of the deck as (card, card key, review key): a cloze card gives one per deletion.</summary>
    public IEnumerable<(Card Card, string CardKey, string ReviewKey)> ReviewItems() =>
        Document.Deck.Cards.SelectMany((card, i) => CardKeys.ReviewKeys(card, Keys.Keys[i]).Select(review => (card, Keys.Keys[i], review)));

    public string StoreKey(string reviewKey) => ReviewService.StoreKey(Keys.DeckKey, reviewKey);
}

/// <summary>
/// Finds decks to study: open ones from the editor's text, closed ones from disk (parsed once per version of the file,
/// a few kept), each linked to its history.
/// </summary>
internal sealed class StudyDecks(DocumentStore store, WorkspaceDecks workspace, CardKeyTracker tracker)
{
    private const int CachedFiles = 32;
    private readonly ConcurrentDictionary<string, (DateTime Written, DeckDocument Document)> _disk = new(StringComparer.Ordinal);

    public StudyDeck? Find(string uri)
    {
        if (store.Get(uri) is { } open)
        {
            var path = open.Path ?? uri;
            return new StudyDeck(uri, path, open.Document, tracker.KeysOf(open.Document) ?? tracker.Link(path, open.Document));
        }

        return DeckUri.ToPath(uri) is { } file && FromDisk(file) is { } document
            ? new StudyDeck(uri, file, document, tracker.Link(file, document))
            : null;
    }

    /// <summary>Every deck of the workspace, open or not.</summary>
    public IEnumerable<StudyDeck> All()
    {
        foreach (var deck in workspace.All())
        {
            if (Find(deck.Uri) is { } found)
            {
                yield return found;
            }
        }
    }

    private DeckDocument? FromDisk(string path)
    {
        try
        {
            var written = File.GetLastWriteTimeUtc(path);
            if (_disk.TryGetValue(path, out var cached) && cached.Written == written)
            {
                return cached.Document;
            }

            var document = DeckDocument.Parse(File.ReadAllText(path), System.IO.Path.GetFileName(path));
            if (_disk.Count >= CachedFiles)
            {
                _disk.Clear();
            }

            _disk[path] = (written, document);
            return document;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

using System.Collections.Immutable;
using DeckLsp.Core.Documents;
using DeckLsp.Core.History;
using DeckLsp.Core.Text;
using DeckLsp.Server.History;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;

namespace DeckLsp.Server.Workspace;

/// <summary>The open documents as one immutable snapshot with a revision.</summary>
internal sealed record DocumentSnapshot(long Revision, ImmutableDictionary<string, OpenDocument> Documents)
{
    public OpenDocument? Get(string uri) => Documents.GetValueOrDefault(uri);
}

/// <summary>
/// Maps URI → (version, DeckDocument, card keys). Edits arrive from the protocol's notifications one at a time, in
/// order, and each makes a new snapshot in one step: the text, its parse and its cards' keys together, so readers of
/// <see cref="Current"/> never see half an edit, nor keys of another text. No step reads the disk or a database.
/// </summary>
internal sealed class DocumentStore
{
    private readonly Lock _gate = new();
    private DocumentSnapshot _current = new(0, ImmutableDictionary<string, OpenDocument>.Empty);

    public DocumentSnapshot Current => Volatile.Read(ref _current);

    public OpenDocument? Get(string uri) => Current.Get(uri);

    /// <param name="link">Links the parsed deck to its history (in memory), given its URI and path.</param>
    public OpenDocument Open(string uri, int version, string text, Func<string, string?, DeckDocument, DeckLink?>? link = null)
    {
        var document = DeckDocument.Parse(text, DeckUri.FileName(uri));
        lock (_gate)
        {
            var open = new OpenDocument(uri, version, document);
            open = open with { Link = link?.Invoke(uri, open.Path, document) };
            Update(documents => documents.SetItem(uri, open));
            return open;
        }
    }

    /// <summary>
    /// Links a document just opened (<see cref="Open"/> without a link) to its history, when the store still holds that
    /// very snapshot; returns the document as stored then. Linking can take a while on a large deck (fingerprints of every
    /// card), so the open's diagnostics are queued first and published while it runs.
    /// </summary>
    public OpenDocument LinkOpened(OpenDocument opened, Func<string, string?, DeckDocument, DeckLink?> link)
    {
        var linked = opened with { Link = link(opened.Uri, opened.Path, opened.Document) };
        lock (_gate)
        {
            var stored = _current.Get(opened.Uri);
            if (stored is null || !ReferenceEquals(stored.Document, opened.Document) || stored.Link is not null)
            {
                return stored ?? opened;
            }

            Update(documents => documents.SetItem(opened.Uri, linked));
            return linked;
        }
    }

    /// <summary>
    /// Applies the changes in order, each relative to the text after the previous one, keys following the cards; null
    /// when the URI is not open. Returns the history events the edits call for (a key moved to an id), to write later.
    /// Every change is applied and stored whatever else fails: parsing never throws, and should following the card keys
    /// fail, the deck is linked to its history afresh, the edit stored, and only then the failure raised (as
    /// <see cref="EditObserverException"/>), so the server's text never parts from the editor's.
    /// </summary>
    public (OpenDocument? Document, IReadOnlyList<HistoryEvent> Drafts) Change(string uri, int version,
        IReadOnlyList<TextDocumentContentChangeEvent> changes, DateTimeOffset? now = null)
    {
        Exception? trackingFailure = null;
        OpenDocument? stored;
        IReadOnlyList<HistoryEvent> result;
        lock (_gate)
        {
            if (_current.Get(uri) is not { } open)
            {
                return (null, []);
            }

            var document = open.Document;
            var link = open.Link;
            var drafts = new List<HistoryEvent>();
            foreach (var change in changes)
            {
                var edit = change.Range is { } range
                    ? new TextChange(document.Lines.ToSpan(range, document.Text), change.Text)
                    : new TextChange(new TextSpan(0, document.Text.Length), change.Text);
                var after = change.Range is null ? DeckDocument.Parse(change.Text, document.FileName) : document.Apply(edit);
                if (link is not null)
                {
                    try
                    {
                        (link, var more) = link.Track(document, edit, after, now ?? DateTimeOffset.UtcNow);
                        drafts.AddRange(more);
                    }
                    catch (Exception e)
                    {
                        trackingFailure ??= e;
                        link = Relinked(link, after);
                    }
                }

                document = after;
            }

            var next = open with { Version = version, Document = document, Link = link };
            Update(documents => documents.SetItem(uri, next));
            (stored, result) = (next, drafts);
        }

        return trackingFailure is null ? (stored, result) : throw new EditObserverException(trackingFailure);
    }

    // The keys could not follow an edit (a bug): the deck is linked to its history again as if it were just opened.
    private static DeckLink? Relinked(DeckLink link, DeckDocument document)
    {
        try
        {
            return DeckLink.Link(link.Source, link.Placement, document);
        }
        catch (Exception)
        {
            return null;
        }
    }

    /// <summary>
    /// After <paramref name="source"/>'s history changed under the open decks: links each of its decks that
    /// <paramref name="affects"/> names to the history again. Returns the URIs whose keys changed.
    /// </summary>
    public IReadOnlyList<string> Relink(HistorySource source, Func<DeckLink, bool> affects)
    {
        lock (_gate)
        {
            var changed = new List<string>();
            var documents = _current.Documents;
            foreach (var (uri, open) in documents)
            {
                if (open.Link is { } link && ReferenceEquals(link.Source, source) && affects(link))
                {
                    var relinked = link.Relink(open.Document);
                    if (!relinked.Cards.SequenceEqual(link.Cards))
                    {
                        documents = documents.SetItem(uri, open with { Link = relinked });
                        changed.Add(uri);
                    }
                }
            }

            if (changed.Count > 0)
            {
                Update(_ => documents);
            }

            return changed;
        }
    }

    public bool Close(string uri)
    {
        lock (_gate)
        {
            if (!_current.Documents.ContainsKey(uri))
            {
                return false;
            }

            Update(documents => documents.Remove(uri));
            return true;
        }
    }

    private void Update(Func<ImmutableDictionary<string, OpenDocument>, ImmutableDictionary<string, OpenDocument>> change)
    {
        lock (_gate)
        {
            Volatile.Write(ref _current, new DocumentSnapshot(_current.Revision + 1, change(_current.Documents)));
        }
    }
}

/// <summary>Following the card keys through an edit failed; the edit was applied and stored all the same.</summary>
internal sealed class EditObserverException(Exception inner) : Exception("Following the card keys through an edit failed; the edit was applied.", inner);

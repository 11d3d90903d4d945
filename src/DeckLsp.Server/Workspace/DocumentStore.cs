using System.Collections.Immutable;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Text;
using DeckLsp.Server.Protocol;

namespace DeckLsp.Server.Workspace;

/// <summary>The open documents as one immutable snapshot with a revision.</summary>
internal sealed record DocumentSnapshot(long Revision, ImmutableDictionary<string, OpenDocument> Documents)
{
    public OpenDocument? Get(string uri) => Documents.GetValueOrDefault(uri);
}

/// <summary>
/// Maps URI → (version, DeckDocument). Edits arrive from the protocol's notifications one at a time, in order, and each
/// makes a new snapshot; readers take <see cref="Current"/> and so never see half an edit.
/// </summary>
internal sealed class DocumentStore
{
    private readonly Lock _gate = new();
    private DocumentSnapshot _current = new(0, ImmutableDictionary<string, OpenDocument>.Empty);

    public DocumentSnapshot Current => Volatile.Read(ref _current);

    public OpenDocument? Get(string uri) => Current.Get(uri);

    public OpenDocument Open(string uri, int version, string text)
    {
        var document = new OpenDocument(uri, version, DeckDocument.Parse(text, DeckUri.FileName(uri)));
        Update(documents => documents.SetItem(uri, document));
        return document;
    }

    /// <summary>
    /// Applies the changes in order, each relative to the text after the previous one; null when the URI is not open.
    /// Every change is applied and stored whatever else fails: parsing never throws, and should
    /// <paramref name="applied"/> throw, the failure is raised (as <see cref="EditObserverException"/>) only once the
    /// edited snapshot is the current one, so the server's text never parts from the editor's.
    /// </summary>
    /// <param name="applied">Told of each change with the snapshots before and after it, in order, before readers see the result.</param>
    public OpenDocument? Change(string uri, int version, IReadOnlyList<TextDocumentContentChangeEvent> changes,
        Action<DeckDocument, TextChange, DeckDocument>? applied = null)
    {
        Exception? observerFailure = null;
        OpenDocument next;
        lock (_gate)
        {
            if (_current.Get(uri) is not { } open)
            {
                return null;
            }

            var document = open.Document;
            foreach (var change in changes)
            {
                var edit = change.Range is { } range
                    ? new TextChange(document.Lines.ToSpan(range, document.Text), change.Text)
                    : new TextChange(new TextSpan(0, document.Text.Length), change.Text);
                var after = change.Range is null ? DeckDocument.Parse(change.Text, document.FileName) : document.Apply(edit);
                try
                {
                    applied?.Invoke(document, edit, after);
                }
                catch (Exception e)
                {
                    observerFailure ??= e;
                }

                document = after;
            }

            next = open with { Version = version, Document = document };
            Update(documents => documents.SetItem(uri, next));
        }

        return observerFailure is null ? next : throw new EditObserverException(observerFailure);
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

/// <summary>An observer of edits failed; the edits were applied and stored all the same.</summary>
internal sealed class EditObserverException(Exception inner) : Exception("An observer of text edits failed; the edits were applied.", inner);

using DeckLsp.Core.Documents;
using DeckLsp.Server.Reviews;

namespace DeckLsp.Server.Workspace;

/// <summary>
/// A deck open in the editor: its URI, the editor's version, the parsed snapshot of that version and its cards' keys
/// in the review history (null only when no history could be chosen for it).
/// </summary>
internal sealed record OpenDocument(string Uri, int Version, DeckDocument Document, DeckLink? Link = null)
{
    /// <summary>The file's path when the URI is a <c>file:</c> URI.</summary>
    public string? Path { get; } = DeckUri.ToPath(Uri);
}

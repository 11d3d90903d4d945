using DeckLsp.Core.Documents;

namespace DeckLsp.Server.Workspace;

/// <summary>A deck open in the editor: its URI, the editor's version and the parsed snapshot of that version.</summary>
internal sealed record OpenDocument(string Uri, int Version, DeckDocument Document)
{
    /// <summary>The file's path when the URI is a <c>file:</c> URI.</summary>
    public string? Path { get; } = DeckUri.ToPath(Uri);
}

using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Documents;
using DeckLsp.Server.Protocol;

namespace DeckLsp.Server.Workspace;

/// <summary>A document's diagnostics in LSP form: the core's, plus links checked against the file's folder.</summary>
internal static class DocumentDiagnostics
{
    public static Diagnostic[] For(OpenDocument open) =>
        WithLinks(open.Document, open.Path).Select(d => d.ToLsp(open.Document.Lines, open.Uri)).ToArray();

    /// <summary>The core's diagnostics plus DECK015 for links, resolved against the folder of <paramref name="path"/> when there is one.</summary>
    public static IReadOnlyList<DeckDiagnostic> WithLinks(DeckDocument document, string? path)
    {
        if (path is null || Path.GetDirectoryName(Path.GetFullPath(path)) is not { } folder)
        {
            return document.Diagnostics;
        }

        var links = LinkCheck.Run(document.Deck, target => Exists(folder, target));
        return links.Count == 0
            ? document.Diagnostics
            : document.Diagnostics.Concat(links).OrderBy(d => d.Span.Start).ThenBy(d => d.Code, StringComparer.Ordinal).ToList();
    }

    private static bool Exists(string folder, string target)
    {
        try
        {
            var full = Path.GetFullPath(Path.Combine(folder, target));
            return File.Exists(full) || Directory.Exists(full);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }
}

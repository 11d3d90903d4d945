using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Text;

namespace DeckLsp.Bench.EndToEnd;

/// <summary>
/// The editor's copy of a deck: it turns offset edits into LSP ranges and keeps an in-process snapshot in step, so the
/// bench can say what the server should answer. With --verify, every edit's incremental snapshot is checked against
/// a full parse of the same text.
/// </summary>
public sealed class EditableDeck(string path, string text, bool verify)
{
    public string Path { get; } = path;

    public string Uri { get; } = new Uri(path).AbsoluteUri;

    public DeckDocument Document { get; private set; } = DeckDocument.Parse(text, System.IO.Path.GetFileName(path));

    public string Text => Document.Text;

    public int Version { get; private set; } = 1;

    /// <summary>How many edits were checked against a full parse.</summary>
    public int Verified { get; private set; }

    /// <summary>Applies the edit here and returns it as the editor sends it, with the new version.</summary>
    public (BenchEdit Edit, int Version) Edit(int start, int removed, string inserted)
    {
        var lines = Document.Lines;
        var edit = new BenchEdit(lines.GetPosition(start), lines.GetPosition(start + removed), inserted);
        Document = Document.Apply(new TextChange(new TextSpan(start, removed), inserted));
        if (verify)
        {
            var full = DeckDocument.Parse(Document.Text, Document.FileName);
            if (!Document.IsEquivalentTo(full))
            {
                throw new InvalidOperationException($"--verify: after edit {Version + 1} ({start}, -{removed}, +\"{inserted}\") the incremental snapshot differs from a full parse");
            }

            Verified++;
        }

        return (edit, ++Version);
    }

    /// <summary>What a full parse of the current text says the published diagnostics must be: (range, code), sorted.</summary>
    public List<string> ExpectedDiagnostics()
    {
        var full = DeckDocument.Parse(Document.Text, Document.FileName);
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        var all = full.Diagnostics.Concat(LinkCheck.Run(full.Deck, target => File.Exists(System.IO.Path.Combine(folder, target))));
        var lines = full.Lines;
        return all.Select(d => Key(lines.GetRange(d.Span), d.Code)).Order(StringComparer.Ordinal).ToList();
    }

    public static List<string> Published(LspProcess.Received publication) =>
        publication.Params!["diagnostics"]!.AsArray().Select(d => Key(new LineRange(
                new LinePosition(d!["range"]!["start"]!["line"]!.GetValue<int>(), d["range"]!["start"]!["character"]!.GetValue<int>()),
                new LinePosition(d["range"]!["end"]!["line"]!.GetValue<int>(), d["range"]!["end"]!["character"]!.GetValue<int>())),
            d["code"]!.GetValue<string>()))
        .Order(StringComparer.Ordinal).ToList();

    private static string Key(LineRange range, string code) => $"{range} {code}";
}

using System.Text.Json.Serialization;
using DeckLsp.Core.Text;

namespace DeckLsp.Server.Cli;

/// <summary>The shape of `decklsp check --format json`: LSP-style 0-based ranges, so editors and scripts can reuse them.</summary>
internal static class CheckJson
{
    public sealed record Report([property: JsonPropertyName("files")] IReadOnlyList<File> Files);

    public sealed record File(
        [property: JsonPropertyName("path")] string Path,
        [property: JsonPropertyName("cards")] int Cards,
        [property: JsonPropertyName("diagnostics")] IReadOnlyList<Diagnostic> Diagnostics);

    public sealed record Diagnostic(
        [property: JsonPropertyName("code")] string Code,
        [property: JsonPropertyName("severity")] string Severity,
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("range")] Range Range);

    public sealed record Range([property: JsonPropertyName("start")] Position Start, [property: JsonPropertyName("end")] Position End);

    public sealed record Position([property: JsonPropertyName("line")] int Line, [property: JsonPropertyName("character")] int Character);

    public static Report From(IEnumerable<CheckCommand.FileReport> reports) => new(reports.Select(r => new File(
        r.Path,
        r.Document.Deck.Cards.Count,
        r.Diagnostics.Select(d =>
        {
            var range = r.Document.Lines.GetRange(d.Span);
            return new Diagnostic(d.Code, CheckCommand.Severity(d.Severity), d.Message, new Range(Of(range.Start), Of(range.End)));
        }).ToList())).ToList());

    private static Position Of(LinePosition position) => new(position.Line, position.Character);
}

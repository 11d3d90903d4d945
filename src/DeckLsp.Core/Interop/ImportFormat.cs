namespace DeckLsp.Core.Interop;

/// <summary>The formats <c>decklsp import</c> reads.</summary>
public enum ImportFormat
{
    Auto,
    TextExport,
    Tsv,
    Csv,
    AnkiText,
    Apkg,
    Hashcards,
    ObsidianSr,
}

/// <summary>Names formats as the command line spells them, and tells text formats apart by their content.</summary>
public static class ImportFormats
{
    public static IReadOnlyList<string> Names { get; } = ["auto", "text-export", "tsv", "csv", "anki-text", "apkg", "hashcards", "obsidian-sr"];

    public static ImportFormat Parse(string name) => name switch
    {
        "text-export" => ImportFormat.TextExport,
        "tsv" => ImportFormat.Tsv,
        "csv" => ImportFormat.Csv,
        "anki-text" => ImportFormat.AnkiText,
        "apkg" => ImportFormat.Apkg,
        "hashcards" => ImportFormat.Hashcards,
        "obsidian-sr" => ImportFormat.ObsidianSr,
        _ => ImportFormat.Auto,
    };

    /// <summary>The format of a text file: Anki's headers, the numbered Q/A export, else a table by extension or by its first line.</summary>
    public static ImportFormat DetectText(string text, string extension)
    {
        if (AnkiTextFormat.Recognizes(text))
        {
            return ImportFormat.AnkiText;
        }

        if (TextExportFormat.Recognizes(text))
        {
            return ImportFormat.TextExport;
        }

        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return ImportFormat.Csv;
        }

        if (extension.Equals(".tsv", StringComparison.OrdinalIgnoreCase))
        {
            return ImportFormat.Tsv;
        }

        var firstLine = text.AsSpan().TrimStart('\uFEFF');
        var end = firstLine.IndexOfAny('\r', '\n');
        firstLine = end < 0 ? firstLine : firstLine[..end];
        return firstLine.Contains('\t') || !firstLine.Contains(',') ? ImportFormat.Tsv : ImportFormat.Csv;
    }

    /// <summary>
    /// Reads a text format (everything but <see cref="ImportFormat.Apkg"/>); <paramref name="title"/> names a deck whose
    /// source names none; <paramref name="rootLink"/> turns a hashcards path under its collection's root into a link
    /// target (as written, without it).
    /// </summary>
    public static ImportResult ImportText(string text, ImportFormat format, string title, Func<string, string>? rootLink = null) => format switch
    {
        ImportFormat.Hashcards => HashcardsFormat.Import(text, title, rootLink ?? (path => path)),
        ImportFormat.ObsidianSr => ObsidianSr(text, title),
        ImportFormat.TextExport => TextExportFormat.Import(text),
        ImportFormat.Tsv => DelimitedFormat.Import(text.TrimStart('\uFEFF'), '\t', title),
        ImportFormat.Csv => DelimitedFormat.Import(text.TrimStart('\uFEFF'), ',', title),
        ImportFormat.AnkiText => AnkiTextFormat.Import(text, title),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a text format, or not decided yet."),
    };

    private static ImportResult ObsidianSr(string text, string title)
    {
        var (result, reviews) = ObsidianSrFormat.Import(text, title);
        return result.Deck is { } deck ? ImportResult.Read(deck with { Reviews = reviews }) : result;
    }
}

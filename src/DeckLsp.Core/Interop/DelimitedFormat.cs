using DeckLsp.Core.Model;

namespace DeckLsp.Core.Interop;

/// <summary>
/// Term/definition tables: Quizlet's export (tab between term and definition, a row per card) and CSV/TSV from a
/// spreadsheet. A first row naming its columns (term, definition, front, back, question, answer…) is a header and
/// chooses the columns; without one, the first column is the question and the second the answer. Fields are plain text.
/// </summary>
public static class DelimitedFormat
{
    private static readonly string[] QuestionNames = ["term", "front", "question", "word", "prompt", "side 1", "side1"];
    private static readonly string[] AnswerNames = ["definition", "back", "answer", "meaning", "response", "side 2", "side2"];

    public static ImportResult Import(string text, char separator, string title)
    {
        var (rows, problem) = Delimited.Read(text, separator);
        if (problem is not null)
        {
            return ImportResult.Failed(problem);
        }

        if (rows.Count == 0)
        {
            return ImportResult.Failed("it has no rows");
        }

        if (AnkiClozeColumns(rows[0].Fields) is { } cloze)
        {
            return ClozeNotes(rows, cloze, title);
        }

        int question = 0, answer = 1, id = -1;
        var first = 0;
        if (HeaderColumns(rows[0].Fields) is { } header)
        {
            (question, answer, id) = header;
            first = 1;
        }

        var cards = new List<ImportedCard>();
        var notes = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var skipped = new List<int>();
        var extraColumns = false;
        foreach (var row in Continued(rows.Skip(first).ToList(), separator, answer))
        {
            var q = MarkdownText.FromPlain(Field(row, question));
            var a = MarkdownText.FromPlain(Field(row, answer));
            extraColumns |= row.Fields.Count > Math.Max(Math.Max(question, answer), id) + 1 && row.Fields.Skip(2).Any(f => f.Trim().Length > 0);
            if (q.Length == 0 || a.Length == 0)
            {
                if (row.Fields.Any(f => f.Trim().Length > 0))
                {
                    skipped.Add(row.Line);
                }

                continue;
            }

            var cardId = id >= 0 ? Field(row, id).Trim() : "";
            cards.Add(new ImportedCard(CardKind.Basic, q, a) { Id = CardIds.IsValid(cardId) && ids.Add(cardId) ? cardId : null });
        }

        if (skipped.Count > 0)
        {
            notes.Add($"{Plural(skipped.Count, "row")} without both a question and an answer {(skipped.Count == 1 ? "was" : "were")} skipped (line {string.Join(", ", skipped.Take(10))}{(skipped.Count > 10 ? ", …" : "")}).");
        }

        if (extraColumns)
        {
            notes.Add("Columns other than the question and the answer were left out.");
        }

        if (cards.Count == 0)
        {
            return ImportResult.Failed("no row has both a question and an answer");
        }

        return ImportResult.Read(new ImportedDeck(title, cards) { Notes = notes });
    }

    /// <summary>
    /// A deck's cards as tab-separated question and answer (Quizlet's import format), Markdown as written. A TSV file is
    /// opened by spreadsheets too, so unless <paramref name="spreadsheetSafe"/> is false, a field starting with
    /// <c>= + - @</c>, a tab or a carriage return is quoted behind an apostrophe (OWASP's CSV injection guidance), which
    /// a spreadsheet shows as text instead of running it as a formula.
    /// </summary>
    public static string Export(IEnumerable<(string Question, string Answer)> cards, bool spreadsheetSafe = true) =>
        Delimited.Write(cards.Select(c => (IReadOnlyList<string>)[c.Question, c.Answer]), '\t', spreadsheetSafe: spreadsheetSafe);

    // Quizlet writes a definition's line breaks unquoted: in a tab-separated file, a line without a tab after a row
    // continues that row's last field.
    private static IEnumerable<Delimited.Row> Continued(List<Delimited.Row> rows, char separator, int answer)
    {
        Delimited.Row? open = null;
        foreach (var row in rows)
        {
            if (separator == '\t' && open is not null && row.Fields.Count == 1 && open.Fields.Count == answer + 1)
            {
                var fields = open.Fields.ToList();
                fields[^1] += "\n" + row.Fields[0];
                open = open with { Fields = fields };
                continue;
            }

            if (open is not null)
            {
                yield return open;
            }

            open = row;
        }

        if (open is not null)
        {
            yield return open;
        }
    }

    // Anki's "Notes in Plain Text" of a Cloze note type, with the field names as a header: Text[, Back Extra][, Tags].
    private static (int Text, int Extra, int Tags)? AnkiClozeColumns(IReadOnlyList<string> fields)
    {
        var names = fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var text = names.IndexOf("text");
        var extra = names.IndexOf("back extra");
        var tags = names.IndexOf("tags");
        return text == 0 && (extra >= 0 || tags >= 0) && names.Count <= 3 ? (text, extra, tags) : null;
    }

    private static ImportResult ClozeNotes(IReadOnlyList<Delimited.Row> rows, (int Text, int Extra, int Tags) columns, string title)
    {
        var read = new List<(ImportedCard Card, string[] Deck, string[] Tags)>();
        var notes = new List<string>();
        var skipped = new List<int>();
        foreach (var row in rows.Skip(1))
        {
            var text = AnkiCloze.ToDeck(Field(row, columns.Text));
            var extra = columns.Extra >= 0 ? AnkiHtml.ToMarkdown(Field(row, columns.Extra)).Markdown : "";
            if (text.Numbers.Count == 0)
            {
                if (row.Fields.Any(f => f.Trim().Length > 0))
                {
                    skipped.Add(row.Line);
                }

                continue;
            }

            var tags = columns.Tags >= 0 ? Field(row, columns.Tags).Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            read.Add((new ImportedCard(CardKind.Cloze, text.Markdown, extra.Trim().Length == 0 ? null : extra), [], tags));
        }

        if (skipped.Count > 0)
        {
            notes.Add($"{Plural(skipped.Count, "row")} without a cloze deletion {(skipped.Count == 1 ? "was" : "were")} skipped (line {string.Join(", ", skipped.Take(10))}{(skipped.Count > 10 ? ", …" : "")}).");
        }

        if (read.Count == 0)
        {
            return ImportResult.Failed("no row has a cloze deletion");
        }

        return ImportResult.Read(AnkiTextFormat.Assemble(read, title, notes));
    }

    private static (int Question, int Answer, int Id)? HeaderColumns(IReadOnlyList<string> fields)
    {
        var names = fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var question = names.FindIndex(n => QuestionNames.Contains(n));
        var answer = names.FindIndex(n => AnswerNames.Contains(n));
        return question >= 0 && answer >= 0 && question != answer ? (question, answer, names.IndexOf("id")) : null;
    }

    private static string Field(Delimited.Row row, int index) => index < row.Fields.Count ? row.Fields[index] : "";

    internal static string Plural(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}

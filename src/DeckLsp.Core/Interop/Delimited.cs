using CsvHelper;

namespace DeckLsp.Core.Interop;

/// <summary>Reading and writing separated values with CsvHelper: RFC 4180 quoting, a clear problem for a broken quote.</summary>
internal static class Delimited
{
    /// <summary>A record and the line it starts on (1-based, in the text given).</summary>
    public sealed record Row(int Line, IReadOnlyList<string> Fields);

    /// <summary>The records of <paramref name="text"/>, or the problem that stops it being read.</summary>
    public static (List<Row> Rows, string? Problem) Read(string text, char separator, int firstLine = 1)
    {
        string? problem = null;
        var options = CsvReaderOptions.Default with
        {
            Separator = separator,
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            TrimWhitespace = false,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MalformedData = CsvMalformedDataHandling.Recover,
            // A quote inside an unquoted field (5" screen) is text; a quote left open swallows the rest of the file.
            OnMalformedRecord = record => problem ??= record.Reason switch
            {
                CsvMalformedReason.UnterminatedQuote =>
                    $"line {record.LineNumber + firstLine - 1}: a quoted field is never closed (a `\"` opens it and no `\"` ends it)",
                CsvMalformedReason.TextAfterClosingQuote =>
                    $"line {record.LineNumber + firstLine - 1}: text follows the closing quote of a quoted field (write a quote inside quotes as `\"\"`)",
                _ => null,
            },
        };
        var rows = new List<Row>();
        using var reader = CsvReader.FromText(text, options);
        while (reader.Read())
        {
            rows.Add(new Row((int)reader.LineNumber + firstLine - 1, reader.Current.ToArray()));
        }

        return problem is null ? (rows, null) : ([], problem);
    }

    /// <summary>
    /// Records as text: fields quoted when they hold the separator, a quote or a line break; lines end in LF. With
    /// <paramref name="spreadsheetSafe"/>, a field a spreadsheet would run as a formula gets CsvHelper's injection escape.
    /// </summary>
    public static string Write(IEnumerable<IReadOnlyList<string>> records, char separator, string prelude = "", bool spreadsheetSafe = false)
    {
        var output = new StringWriter();
        output.Write(prelude);
        var options = CsvWriterOptions.Default with
        {
            Separator = separator,
            NewLine = "\n",
            ValidateFieldCount = false,
            Injection = spreadsheetSafe ? CsvInjection.Escape : CsvInjection.None,
        };
        using (var writer = CsvWriter.Create(output, options, leaveOpen: true))
        {
            foreach (var record in records)
            {
                foreach (var field in record)
                {
                    writer.WriteField(field);
                }

                writer.EndRecord();
            }
        }

        return output.ToString();
    }
}

using System.Globalization;
using System.Text;

namespace DeckLsp.Bench.Report;

/// <summary>A set of samples: median and 95th percentile.</summary>
public sealed record Stat(double Median, double P95, int Count)
{
    public static Stat Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
        {
            return new Stat(double.NaN, double.NaN, 0);
        }

        var sorted = samples.Order().ToArray();
        return new Stat(sorted[(sorted.Length - 1) / 2], sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.95) - 1)], sorted.Length);
    }

    public string Ms() => Count == 0 ? "—" : $"{Number(Median)} ms (p95 {Number(P95)})";

    public static string Number(double value) => value switch
    {
        double.NaN => "—",
        < 1 => value.ToString("0.000", CultureInfo.InvariantCulture),
        < 10 => value.ToString("0.00", CultureInfo.InvariantCulture),
        < 100 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("#,0", CultureInfo.InvariantCulture),
    };
}

/// <summary>One line of the table.</summary>
public sealed record Row(string Scenario, string Ours, string Baseline, string Peer, string Target, string Verdict, string Note = "");

/// <summary>The rows of one run, printed as the Markdown table that docs/performance.md keeps.</summary>
public sealed class Results(string columns =
    "| scenario | DeckLsp: median (p95) | baseline: full Markdig parse, same run | peer: VS Code Markdown LS | target | verdict |")
{
    private readonly List<Row> _rows = [];
    private readonly List<string> _notes = [];

    public void Add(Row row)
    {
        lock (_rows)
        {
            _rows.Add(row);
        }

        Console.Error.WriteLine($"  {row.Scenario}: {row.Ours} | baseline {row.Baseline} | peer {row.Peer} | {row.Verdict}");
    }

    public void Note(string note)
    {
        _notes.Add(note);
        Console.Error.WriteLine($"  note: {note}");
    }

    public static string Verdict(bool? met) => met switch { true => "met", false => "**missed**", null => "—" };

    public static string Ratio(double ours, double other) => double.IsNaN(ours) || double.IsNaN(other) || other == 0
        ? "—"
        : $"{Stat.Number(ours / other)}×";

    public string ToMarkdown(string header)
    {
        var text = new StringBuilder();
        text.AppendLine(header).AppendLine();
        text.AppendLine(columns);
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var row in _rows)
        {
            var note = row.Note.Length > 0 ? $"<br>{row.Note}" : "";
            text.AppendLine($"| {row.Scenario}{note} | {row.Ours} | {row.Baseline} | {row.Peer} | {row.Target} | {row.Verdict} |");
        }

        if (_notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in _notes)
            {
                text.AppendLine($"- {note}");
            }
        }

        return text.ToString();
    }
}

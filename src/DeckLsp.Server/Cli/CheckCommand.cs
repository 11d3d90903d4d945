using System.CommandLine;
using System.Text.Json;
using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Documents;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Workspace;

namespace DeckLsp.Server.Cli;

/// <summary>`decklsp check PATH...`: lints decks for CI, one line per diagnostic, exit 1 on any error.</summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.OneOrMore, Description = "Deck files, folders (searched for *.deck.md) or globs." };
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("check", "Check decks and print their diagnostics.");
        command.Arguments.Add(paths);
        command.Options.Add(format);
        command.SetAction(result => Run(result.GetValue(paths)!, result.GetValue(format) == "json", output, error));
        return command;
    }

    public static int Run(string[] paths, bool json, TextWriter output, TextWriter error)
    {
        if (!DeckPaths.TryLoad(paths, "check", error, out var decks))
        {
            return DeckCommandLine.UsageError;
        }

        // Each deck's links are checked on disk: on every core at once, reported in the files' order.
        var reports = decks.AsParallel().AsOrdered().Select(d => new FileReport(d.Path, d.Document, d.Diagnostics())).ToList();
        var errors = reports.Sum(r => r.Diagnostics.Count(d => d.Severity == DeckSeverity.Error));
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(CheckJson.From(reports), CliJson.Type(DeckJsonContext.Default.CheckReport)));
        }
        else
        {
            WriteText(reports, output);
        }

        return errors > 0 ? 1 : 0;
    }

    private static void WriteText(List<FileReport> reports, TextWriter output)
    {
        foreach (var report in reports)
        {
            foreach (var diagnostic in report.Diagnostics)
            {
                var start = report.Document.Lines.GetPosition(diagnostic.Span.Start);
                output.WriteLine($"{report.Path}:{start.Line + 1}:{start.Character + 1}: {Severity(diagnostic.Severity)} {diagnostic.Code}: {diagnostic.Message}");
            }
        }

        var errors = reports.Sum(r => r.Diagnostics.Count(d => d.Severity == DeckSeverity.Error));
        var warnings = reports.Sum(r => r.Diagnostics.Count(d => d.Severity == DeckSeverity.Warning));
        var cards = reports.Sum(r => r.Document.Deck.Cards.Count);
        output.WriteLine($"{Count(reports.Count, "deck")}, {Count(cards, "card")}: {Count(errors, "error")}, {Count(warnings, "warning")}");
    }

    public static string Severity(DeckSeverity severity) => severity switch
    {
        DeckSeverity.Error => "error",
        DeckSeverity.Warning => "warning",
        DeckSeverity.Information => "information",
        _ => "hint",
    };

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    internal sealed record FileReport(string Path, DeckDocument Document, IReadOnlyList<DeckDiagnostic> Diagnostics);
}

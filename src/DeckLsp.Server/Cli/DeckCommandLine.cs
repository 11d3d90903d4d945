using System.CommandLine;
using DeckLsp.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace DeckLsp.Server.Cli;

/// <summary>The command line: `check` (and later `import`, `export`, `stats`), or the language server on stdio.</summary>
public static class DeckCommandLine
{
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var database = new Option<string?>("--db") { Description = "The review database (default: $XDG_DATA_HOME/decklsp/reviews.db)." };
        var stdio = new Option<bool>("--stdio") { Description = "Serve the Language Server Protocol on stdin/stdout (the default)." };
        var delay = new Option<int?>("--diagnostics-delay-ms")
        {
            Description = "How long diagnostics wait for typing to pause, in milliseconds (default 150; the benchmark uses 0).",
        };
        delay.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0)
            {
                result.AddError("--diagnostics-delay-ms cannot be negative.");
            }
        });
        var logLevel = new Option<LogLevel?>("--log-level")
        {
            Description = "The least severe log entries written to stderr and to the client's log (default Information).",
        };
        // For the tests that drive the executable as they drive the in-process server: how many decks make indexing report progress.
        var progressThreshold = new Option<int?>("--index-progress-threshold") { Hidden = true };
        var root = new RootCommand("DeckLsp: flashcard decks in Markdown. Without a command, serves LSP on stdio.");
        root.Options.Add(stdio);
        root.Options.Add(database);
        root.Options.Add(delay);
        root.Options.Add(logLevel);
        root.Options.Add(progressThreshold);
        root.SetAction(async (result, cancellationToken) =>
        {
            var options = new ServerOptions { DatabasePath = result.GetValue(database) };
            if (result.GetValue(delay) is { } milliseconds)
            {
                options = options with { DiagnosticsDelay = TimeSpan.FromMilliseconds(milliseconds) };
            }

            if (result.GetValue(logLevel) is { } level)
            {
                options = options with { LogLevel = level };
            }

            if (result.GetValue(progressThreshold) is { } threshold)
            {
                options = options with { IndexProgressThreshold = threshold };
            }

            return await LanguageServerHost.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(), options, cancellationToken);
        });
        root.Subcommands.Add(CheckCommand.Create(output, error));
        root.Subcommands.Add(StatsCommand.Create(new Option<string?>("--db") { Description = database.Description }, output, error));
        root.Subcommands.Add(ImportCommand.Create(new Option<string?>("--db") { Description = database.Description }, output, error));
        root.Subcommands.Add(ExportCommand.Create(new Option<string?>("--db") { Description = database.Description }, output, error));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync($"decklsp: {problem.Message}");
            }

            await error.WriteLineAsync("Run `decklsp --help` for usage.");
            return UsageError;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }
}

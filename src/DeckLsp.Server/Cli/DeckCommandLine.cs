using System.CommandLine;
using DeckLsp.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace DeckLsp.Server.Cli;

/// <summary>The command line: `check` (and later `import`, `export`, `stats`), or the language server on stdio.</summary>
public static class DeckCommandLine
{
    public const int UsageError = 2;

    /// <summary>DeckLsp itself failed: a bug, reported in a sentence (DECKLSP_DEBUG=1 adds the details).</summary>
    public const int InternalError = 3;

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var database = new Option<string?>("--db") { Description = "A history database for every deck (default: each deck repository's .decklsp/history/, else $XDG_DATA_HOME/decklsp/reviews.db)." };
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
        var maxMessage = new Option<int?>("--max-message-mb")
        {
            Description = "The largest protocol message the server reads, in MiB (default 64); larger ones are refused and skipped.",
        };
        maxMessage.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--max-message-mb must be at least 1.");
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
        root.Options.Add(maxMessage);
        root.Options.Add(logLevel);
        root.Options.Add(progressThreshold);
        root.SetAction(async (result, cancellationToken) =>
        {
            var options = new ServerOptions { DatabasePath = result.GetValue(database) };
            if (result.GetValue(delay) is { } milliseconds)
            {
                options = options with { DiagnosticsDelay = TimeSpan.FromMilliseconds(milliseconds) };
            }

            if (result.GetValue(maxMessage) is { } megabytes)
            {
                options = options with { Transport = options.Transport with { MaxMessageBytes = megabytes * 1024L * 1024 } };
            }

            if (result.GetValue(logLevel) is { } level)
            {
                options = options with { LogLevel = level };
            }

            if (result.GetValue(progressThreshold) is { } threshold)
            {
                options = options with { IndexProgressThreshold = threshold };
            }

            ServerCollector.Apply();
            return await LanguageServerHost.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(), options, cancellationToken);
        });
        root.Subcommands.Add(CheckCommand.Create(output, error));
        root.Subcommands.Add(StatsCommand.Create(new CliHistory.Choice(), output, error));
        root.Subcommands.Add(ImportCommand.Create(new CliHistory.Choice(), output, error));
        root.Subcommands.Add(ExportCommand.Create(new CliHistory.Choice(), output, error));
        root.Subcommands.Add(HistoryCommand.Create(output, error));
        root.Subcommands.Add(StudyCommand.Create(new CliHistory.Choice(), output, error));
        root.Subcommands.Add(OptimizeCommand.Create(new CliHistory.Choice(), output, error));

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

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var command = parsed.CommandResult.Command is RootCommand ? "decklsp" : $"decklsp {parsed.CommandResult.Command.Name}";
            await error.WriteLineAsync($"{command}: failed unexpectedly; this is a bug in DeckLsp. Please report it with the command you ran "
                + "(run it again with DECKLSP_DEBUG=1 to print the details).");
            if (Environment.GetEnvironmentVariable("DECKLSP_DEBUG") is "1")
            {
                await error.WriteLineAsync(e.ToString());
            }

            return InternalError;
        }
    }
}

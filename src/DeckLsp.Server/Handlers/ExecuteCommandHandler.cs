using System.Text.Json;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace DeckLsp.Server.Handlers;

/// <summary>
/// <c>workspace/executeCommand</c>: the optimizer's commands (<see cref="OptimizeCommands"/>), and, for editors that
/// run the lenses' command through the server (every editor but VS Code, whose client hosts the study panel),
/// <c>decklsp.study</c>, which starts a session of prompts and answers at once: the session runs on while the editor
/// shows them.
/// </summary>
internal sealed class ExecuteCommandHandler(MessageStudy study, OptimizeCommands optimize) : ILspHandler
{
    /// <summary>The commands the server runs for this client: <c>decklsp.study</c> unless the client runs it itself.</summary>
    public static IReadOnlyList<string> CommandsFor(ServerSession session) =>
        session.StudyPanel ? OptimizeCommands.Names : [StudyArguments.CommandName, .. OptimizeCommands.Names];

    [JsonRpcMethod(Methods.ExecuteCommand, UseSingleObjectParameterDeserialization = true)]
    public Task<JsonElement> ExecuteCommand(ExecuteCommandParams parameters, CancellationToken cancellationToken) =>
        OptimizeCommands.Names.Contains(parameters.Command) ? optimize.Run(parameters, cancellationToken) : Task.Run(() => Study(parameters));

    private JsonElement Study(ExecuteCommandParams parameters)
    {
        if (parameters.Command != StudyArguments.CommandName)
        {
            throw InvalidParams($"unknown command \"{parameters.Command}\": this server runs {StudyArguments.CommandName}, {string.Join(", ", OptimizeCommands.Names)}");
        }

        if (parameters.Arguments is not [{ ValueKind: JsonValueKind.Object } argument])
        {
            throw InvalidParams($"{StudyArguments.CommandName} takes one argument: {{ uri, scope, line, mode?, tags? }}");
        }

        StudyArguments what;
        try
        {
            what = argument.Deserialize(DeckJsonContext.Default.StudyArguments)!;
        }
        catch (JsonException e)
        {
            throw InvalidParams($"{StudyArguments.CommandName}'s argument could not be read: {JsonProblem.Describe(e, "it")}");
        }

        var started = study.TryStart(new StartReviewParams
        {
            Uri = what.Uri,
            Scope = what.Scope,
            Line = what.Line,
            Mode = what.Mode,
            Tags = what.Tags,
        });
        if (!started)
        {
            throw new LocalRpcException("A study session is already running: finish or stop it first.") { ErrorCode = (int)JsonRpcErrorCode.InvalidRequest };
        }

        return Null;
    }

    // The command's result, LSP's `null`, as JSON: a Task<object?> ending in null was answered RequestCancelled (-32800)
    // by StreamJsonRpc's shape-based dispatch, as its protocol trace showed.
    private static readonly JsonElement Null = JsonDocument.Parse("null").RootElement;

    private static LocalRpcException InvalidParams(string message) => new(message) { ErrorCode = (int)JsonRpcErrorCode.InvalidParams };
}

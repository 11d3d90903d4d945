using System.Text.Json;
using System.Text.Json.Serialization;
using DeckLsp.Server.Cli;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace DeckLsp.Server.Hosting;

/// <summary>
/// Every type the server turns into JSON or reads from it, serialized by code generated at build time: no reflection,
/// so the native (AOT) executable behaves as the JIT one does. A type missing here fails the first test that sends it.
/// A new DTO is one more line; a type only nested inside a listed one (a property's type) needs no line of its own.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
// LSP requests and notifications the server receives: their params and their answers.
[JsonSerializable(typeof(InitializeParams))]
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(InitializedParams))]
[JsonSerializable(typeof(InitializationOptions))]
[JsonSerializable(typeof(DidOpenTextDocumentParams))]
[JsonSerializable(typeof(DidChangeTextDocumentParams))]
[JsonSerializable(typeof(DidCloseTextDocumentParams))]
[JsonSerializable(typeof(DidSaveTextDocumentParams))]
[JsonSerializable(typeof(DidChangeWatchedFilesParams))]
[JsonSerializable(typeof(RenameFilesParams))]
[JsonSerializable(typeof(DocumentParams))]
[JsonSerializable(typeof(CodeLens))]
[JsonSerializable(typeof(CodeLens[]))]
[JsonSerializable(typeof(PreparedJson))]
[JsonSerializable(typeof(DocumentSymbol[]))]
[JsonSerializable(typeof(FoldingRange[]))]
[JsonSerializable(typeof(HoverParams))]
[JsonSerializable(typeof(Hover))]
[JsonSerializable(typeof(CompletionParams))]
[JsonSerializable(typeof(CompletionList))]
[JsonSerializable(typeof(CodeActionParams))]
[JsonSerializable(typeof(CodeAction[]))]
[JsonSerializable(typeof(WorkspaceSymbolParams))]
[JsonSerializable(typeof(SymbolInformation[]))]
// The study panel's deck/… methods.
[JsonSerializable(typeof(StartReviewParams))]
[JsonSerializable(typeof(RateParams))]
[JsonSerializable(typeof(SessionParams))]
[JsonSerializable(typeof(ReviewStep))]
[JsonSerializable(typeof(EndReviewResult))]
[JsonSerializable(typeof(DueCounts))]
[JsonSerializable(typeof(OrphansResult))]
[JsonSerializable(typeof(StatisticsParams))]
[JsonSerializable(typeof(StatisticsResult))]
// What the server sends the client.
[JsonSerializable(typeof(PublishDiagnosticsParams))]
[JsonSerializable(typeof(LogMessageParams))]
[JsonSerializable(typeof(ShowMessageParams))]
[JsonSerializable(typeof(RegistrationParams))]
[JsonSerializable(typeof(WorkDoneProgressCreateParams))]
[JsonSerializable(typeof(ProgressParams))]
[JsonSerializable(typeof(CardChangedParams))]
[JsonSerializable(typeof(CountsChangedParams))]
// Held as `object` by a DTO (a command's arguments), so the serializer finds it by its runtime type.
[JsonSerializable(typeof(StudyArguments))]
[JsonSerializable(typeof(ExecuteCommandParams))]
[JsonSerializable(typeof(ShowMessageRequestParams))]
[JsonSerializable(typeof(MessageActionItem))]
[JsonSerializable(typeof(InlayHintParams))]
[JsonSerializable(typeof(InlayHint[]))]
// JSON-RPC's own: untyped params and results (shutdown's null), the error data StreamJsonRpc sends and reads, and the
// id in $/cancelRequest (read by StreamJsonRpc's own converter, which the generated code defers to).
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(CommonErrorData))]
[JsonSerializable(typeof(RequestId))]
// The command line's --json output.
[JsonSerializable(typeof(CheckJson.Report), TypeInfoPropertyName = "CheckReport")]
[JsonSerializable(typeof(CheckJson.Diagnostic), TypeInfoPropertyName = "CheckDiagnostic")]
[JsonSerializable(typeof(CheckJson.Range), TypeInfoPropertyName = "CheckRange")]
[JsonSerializable(typeof(CheckJson.Position), TypeInfoPropertyName = "CheckPosition")]
[JsonSerializable(typeof(StatsCommand.Report), TypeInfoPropertyName = "StatsReport")]
[JsonSerializable(typeof(ImportCommand.JsonReport), TypeInfoPropertyName = "ImportReport")]
[JsonSerializable(typeof(ImportCommand.ReviewsBackReport), TypeInfoPropertyName = "ReviewsBackReport")]
[JsonSerializable(typeof(OptimizeCommand.Report), TypeInfoPropertyName = "OptimizeReport")]
[JsonSerializable(typeof(ExecuteCommandParams))]
[JsonSerializable(typeof(OptimizeResult))]
[JsonSerializable(typeof(ApplyParametersResult))]
internal sealed partial class DeckJsonContext : JsonSerializerContext;

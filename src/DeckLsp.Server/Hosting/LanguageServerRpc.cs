using System.Text.Json;
using System.Text.RegularExpressions;
using DeckLsp.Server.Protocol;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace DeckLsp.Server.Hosting;

/// <summary>
/// The JSON-RPC connection with LSP's rules on top: no requests before <c>initialize</c> or after <c>shutdown</c>, and
/// every handler exception logged (a notification's would otherwise vanish) and answered as an LSP error.
/// </summary>
internal sealed partial class LanguageServerRpc(IJsonRpcMessageHandler handler, ServerSession session, ILogger<LanguageServerRpc> logger)
    : JsonRpc(handler)
{
    private readonly IJsonRpcMessageFactory _messages = (IJsonRpcMessageFactory)handler.Formatter;

    // Synchronous up to base.DispatchRequestAsync, so arrival order is kept for handlers that do not await.
    protected override ValueTask<JsonRpcMessage> DispatchRequestAsync(JsonRpcRequest request, TargetMethod targetMethod, CancellationToken cancellationToken)
    {
        var method = request.Method;
        var refusal = session.State switch
        {
            LifecycleState.Created when method is not (Methods.Initialize or Methods.Exit) =>
                (LspErrorCodes.ServerNotInitialized, $"The server is not initialized: send `initialize` before `{method}`."),
            LifecycleState.Initialized when method == Methods.Initialize =>
                (LspErrorCodes.InvalidRequest, "The server is already initialized."),
            LifecycleState.ShutDown or LifecycleState.Exited when method != Methods.Exit =>
                (LspErrorCodes.InvalidRequest, $"The server is shutting down: `{method}` is not served after `shutdown`."),
            _ => ((int, string)?)null,
        };

        if (refusal is null)
        {
            return base.DispatchRequestAsync(request, targetMethod, cancellationToken);
        }

        var (code, message) = refusal.Value;
        if (request.IsNotification)
        {
            logger.LogDebug("Ignored notification {Method} in state {State}", method, session.State);
        }

        var error = _messages.CreateErrorMessage();
        error.RequestId = request.RequestId;
        error.Error = new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)code, Message = message };
        return new ValueTask<JsonRpcMessage>(error);
    }

    protected override JsonRpcError.ErrorDetail CreateErrorDetails(JsonRpcRequest request, Exception exception)
    {
        switch (exception)
        {
            case OperationCanceledException:
            case LocalRpcException:
                return base.CreateErrorDetails(request, exception);
            case JsonException or ArgumentException when IsParameterProblem(exception):
                logger.LogWarning("{Method} got malformed params: {Message}", request.Method, exception.Message);
                return new JsonRpcError.ErrorDetail
                {
                    Code = JsonRpcErrorCode.InvalidParams,
                    Message = $"{request.Method}: {JsonProblem.Describe((exception as JsonException ?? (JsonException)exception.InnerException!), "the params")}",
                };
            default:
                logger.LogError(exception, "{Method} failed", request.Method);
                return new JsonRpcError.ErrorDetail
                {
                    Code = (JsonRpcErrorCode)LspErrorCodes.InternalError,
                    Message = $"{request.Method} failed: {Readable(exception.Message)}. The server keeps running; its log has the details.",
                };
        }
    }

    // StreamJsonRpc answers params that fit no method signature itself, naming its types and ours: said in words here.
    protected override ValueTask SendAsync(JsonRpcMessage message, CancellationToken cancellationToken)
    {
        if (message is JsonRpcError { Error: { Code: JsonRpcErrorCode.InvalidParams, Message: { } text } } error
            && UnmatchedSignature().Match(text) is { Success: true } unmatched)
        {
            error.Error = new JsonRpcError.ErrorDetail
            {
                Code = JsonRpcErrorCode.InvalidParams,
                Message = $"{unmatched.Groups["method"].Value}: the params do not fit; send one object with the members docs/protocol.md lists.",
            };
        }

        return base.SendAsync(message, cancellationToken);
    }

    private static bool IsParameterProblem(Exception exception) =>
        exception is JsonException || exception.InnerException is JsonException;

    // An exception's message, unless it names .NET types (a cast, a null reference deep in a library): those stay in the log.
    private static string Readable(string message) =>
        TypeName().IsMatch(message) ? "an unexpected error in DeckLsp" : message.TrimEnd('.');

    [GeneratedRegex(@"^Unable to find method '(?<method>.+?)/\d+'")]
    private static partial Regex UnmatchedSignature();

    [GeneratedRegex(@"\b[A-Z]\w*(\.[A-Z]\w*)+\b")]
    private static partial Regex TypeName();
}

using DeckLsp.Server.Protocol;
using StreamJsonRpc;

namespace DeckLsp.Server.Hosting;

/// <summary>Sends to the client over the JSON-RPC connection. LSP params are one object, never StreamJsonRpc's default array.</summary>
internal sealed class JsonRpcLanguageClient(JsonRpc rpc) : ILanguageClient
{
    public Task PublishDiagnosticsAsync(PublishDiagnosticsParams diagnostics) =>
        rpc.NotifyWithParameterObjectAsync(Methods.PublishDiagnostics, diagnostics);

    public Task LogMessageAsync(LogMessageParams message) =>
        rpc.NotifyWithParameterObjectAsync(Methods.LogMessage, message);

    public Task RegisterCapabilityAsync(RegistrationParams registrations, CancellationToken cancellationToken) =>
        rpc.InvokeWithParameterObjectAsync(Methods.RegisterCapability, registrations, cancellationToken);

    public Task CreateWorkDoneProgressAsync(string token, CancellationToken cancellationToken) =>
        rpc.InvokeWithParameterObjectAsync(Methods.CreateWorkDoneProgress, new WorkDoneProgressCreateParams { Token = token }, cancellationToken);

    public Task ReportProgressAsync(ProgressParams progress) =>
        rpc.NotifyWithParameterObjectAsync(Methods.Progress, progress);

    public Task ShowMessageAsync(ShowMessageParams message) =>
        rpc.NotifyWithParameterObjectAsync(Methods.ShowMessage, message);

    public Task RefreshCodeLensesAsync() => rpc.InvokeAsync<object?>(Methods.CodeLensRefresh);

    public Task NotifyAsync(string method, object parameters) => rpc.NotifyWithParameterObjectAsync(method, parameters);
}

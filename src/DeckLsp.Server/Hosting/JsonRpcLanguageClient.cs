using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DeckLsp.Server.Protocol;
using StreamJsonRpc;

namespace DeckLsp.Server.Hosting;

/// <summary>Sends to the client over the JSON-RPC connection. LSP params are one object, never StreamJsonRpc's default array.</summary>
internal sealed class JsonRpcLanguageClient(JsonRpc rpc) : ILanguageClient
{
    private static DeckJsonContext Json => DeckJsonContext.Default;

    public Task PublishDiagnosticsAsync(PublishDiagnosticsParams diagnostics) =>
        Notify(Methods.PublishDiagnostics, diagnostics, Json.PublishDiagnosticsParams);

    public Task LogMessageAsync(LogMessageParams message) => Notify(Methods.LogMessage, message, Json.LogMessageParams);

    public Task RegisterCapabilityAsync(RegistrationParams registrations, CancellationToken cancellationToken) =>
        Request(Methods.RegisterCapability, registrations, Json.RegistrationParams, cancellationToken);

    public Task CreateWorkDoneProgressAsync(string token, CancellationToken cancellationToken) =>
        Request(Methods.CreateWorkDoneProgress, new WorkDoneProgressCreateParams { Token = token }, Json.WorkDoneProgressCreateParams, cancellationToken);

    public Task ReportProgressAsync(ProgressParams progress) => Notify(Methods.Progress, progress, Json.ProgressParams);

    public Task ShowMessageAsync(ShowMessageParams message) => Notify(Methods.ShowMessage, message, Json.ShowMessageParams);

    public Task RefreshCodeLensesAsync() => rpc.InvokeAsync<object?>(Methods.CodeLensRefresh);

    public Task RefreshInlayHintsAsync() => rpc.InvokeAsync<object?>(Methods.InlayHintRefresh);

    public async Task<MessageActionItem?> ShowMessageRequestAsync(ShowMessageRequestParams request, CancellationToken cancellationToken)
    {
        var (members, types) = Members(request, Json.ShowMessageRequestParams);
        var answer = await rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.ShowMessageRequest, members, types, cancellationToken).ConfigureAwait(false);
        return answer.ValueKind == JsonValueKind.Object ? answer.Deserialize(Json.MessageActionItem) : null;
    }

    // Found by its runtime type: it must be listed in DeckJsonContext (NotSupportedException otherwise).
    public Task NotifyAsync(string method, object parameters) =>
        Notify(method, parameters, Json.Options.GetTypeInfo(parameters.GetType()));

    private Task Notify(string method, object parameters, JsonTypeInfo type)
    {
        var (members, types) = Members(parameters, type);
        return rpc.NotifyWithParameterObjectAsync(method, members, types);
    }

    private Task Request(string method, object parameters, JsonTypeInfo type, CancellationToken cancellationToken)
    {
        var (members, types) = Members(parameters, type);
        return rpc.InvokeWithParameterObjectAsync(method, members, types, cancellationToken);
    }

    // StreamJsonRpc sends a dictionary's entries as the members of `params`, each value serialized on its own; its
    // overloads taking a plain object are marked as reflecting over it. So the DTO is serialized first, by the generated
    // context (its wire names, its WhenWritingNull members left out), and its members are handed over as JSON.
    private static (IReadOnlyDictionary<string, object?> Members, IReadOnlyDictionary<string, Type> Types) Members(object parameters, JsonTypeInfo type)
    {
        var json = JsonSerializer.SerializeToElement(parameters, type);
        var members = new Dictionary<string, object?>(StringComparer.Ordinal);
        var types = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var member in json.EnumerateObject())
        {
            members[member.Name] = member.Value;
            types[member.Name] = typeof(JsonElement);
        }

        return (members, types);
    }
}

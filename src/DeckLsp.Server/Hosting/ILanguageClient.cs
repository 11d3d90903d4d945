using DeckLsp.Server.Protocol;

namespace DeckLsp.Server.Hosting;

/// <summary>What the server sends to the client; handlers depend on this, not on the JSON-RPC connection.</summary>
internal interface ILanguageClient
{
    Task PublishDiagnosticsAsync(PublishDiagnosticsParams diagnostics);

    Task LogMessageAsync(LogMessageParams message);

    Task RegisterCapabilityAsync(RegistrationParams registrations, CancellationToken cancellationToken);

    Task CreateWorkDoneProgressAsync(string token, CancellationToken cancellationToken);

    Task ReportProgressAsync(ProgressParams progress);

    Task ShowMessageAsync(ShowMessageParams message);

    /// <summary>Asks the client to ask for code lenses again (their counts changed).</summary>
    Task RefreshCodeLensesAsync();

    /// <summary>Asks the client to ask for inlay hints again (due dates changed).</summary>
    Task RefreshInlayHintsAsync();

    /// <summary>Shows a message with actions and waits for the user: the action chosen, or null when dismissed.</summary>
    Task<MessageActionItem?> ShowMessageRequestAsync(ShowMessageRequestParams request, CancellationToken cancellationToken);

    /// <summary>A notification outside LSP's own set (the study panel's <c>deck/…</c> methods).</summary>
    Task NotifyAsync(string method, object parameters);
}

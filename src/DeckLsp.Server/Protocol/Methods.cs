namespace DeckLsp.Server.Protocol;

/// <summary>The LSP method names, spelled once.</summary>
internal static class Methods
{
    public const string Initialize = "initialize";
    public const string Initialized = "initialized";
    public const string Shutdown = "shutdown";
    public const string Exit = "exit";
    public const string DidOpen = "textDocument/didOpen";
    public const string DidChange = "textDocument/didChange";
    public const string DidClose = "textDocument/didClose";
    public const string DidSave = "textDocument/didSave";
    public const string PublishDiagnostics = "textDocument/publishDiagnostics";
    public const string CodeLens = "textDocument/codeLens";
    public const string DocumentSymbol = "textDocument/documentSymbol";
    public const string FoldingRange = "textDocument/foldingRange";
    public const string Hover = "textDocument/hover";
    public const string Completion = "textDocument/completion";
    public const string CodeAction = "textDocument/codeAction";
    public const string WorkspaceSymbol = "workspace/symbol";
    public const string DidChangeWatchedFiles = "workspace/didChangeWatchedFiles";
    public const string RegisterCapability = "client/registerCapability";
    public const string LogMessage = "window/logMessage";
    public const string CreateWorkDoneProgress = "window/workDoneProgress/create";
    public const string ShowMessage = "window/showMessage";
    public const string CodeLensRefresh = "workspace/codeLens/refresh";
    public const string InlayHint = "textDocument/inlayHint";
    public const string InlayHintRefresh = "workspace/inlayHint/refresh";
    public const string ExecuteCommand = "workspace/executeCommand";
    public const string ShowMessageRequest = "window/showMessageRequest";
    public const string DidRenameFiles = "workspace/didRenameFiles";
    public const string StartReview = "deck/startReview";
    public const string Rate = "deck/rate";
    public const string Undo = "deck/undo";
    public const string EndReview = "deck/endReview";
    public const string DueCounts = "deck/dueCounts";
    public const string Orphans = "deck/orphans";
    public const string Statistics = "deck/statistics";
    public const string CountsChanged = "deck/countsChanged";
    public const string CardChanged = "deck/cardChanged";
    public const string Progress = "$/progress";

    /// <summary>The commands of <c>workspace/executeCommand</c>.</summary>
    public const string OptimizeCommand = "decklsp.optimize";
    public const string ApplyParametersCommand = "decklsp.applyParameters";
}

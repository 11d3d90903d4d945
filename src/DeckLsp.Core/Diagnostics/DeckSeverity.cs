namespace DeckLsp.Core.Diagnostics;

/// <summary>How bad a problem is; maps one to one onto LSP's severities.</summary>
public enum DeckSeverity
{
    Error = 1,
    Warning = 2,
    Information = 3,
    Hint = 4,
}

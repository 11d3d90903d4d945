using DeckLsp.Core.Text;

namespace DeckLsp.Core.Diagnostics;

/// <summary>A problem in a deck: a stable code, a message, and the span of the offending marker or text.</summary>
public sealed record DeckDiagnostic(string Code, DeckSeverity Severity, string Message, TextSpan Span)
{
    /// <summary>Other places that explain this one (the first copy of a duplicate, say).</summary>
    public IReadOnlyList<RelatedSpan> Related { get; init; } = [];
}

/// <summary>A span that a diagnostic points at besides its own.</summary>
public sealed record RelatedSpan(TextSpan Span, string Message);

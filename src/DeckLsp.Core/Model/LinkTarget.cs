using DeckLsp.Core.Text;

namespace DeckLsp.Core.Model;

/// <summary>A link or image destination written in the deck, relative to the deck's folder.</summary>
public sealed record LinkTarget(string Path, TextSpan Span, bool IsImage);

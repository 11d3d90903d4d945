using DeckLsp.Core.Text;

namespace DeckLsp.Core.Model;

/// <summary>One <c>{{text}}</c> or <c>{{text::hint}}</c> of a cloze card; each is reviewed as its own card.</summary>
public sealed record ClozeDeletion(int Index, TextSpan Span, string Text, string? Hint);

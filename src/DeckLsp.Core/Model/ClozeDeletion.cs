using DeckLsp.Core.Text;

namespace DeckLsp.Core.Model;

/// <summary>One <c>{{text}}</c> or <c>{{text::hint}}</c> of a cloze card; each that hides something is reviewed as its own card.</summary>
public sealed record ClozeDeletion(int Index, TextSpan Span, string Text, string? Hint)
{
    /// <summary>
    /// Whether the deletion hides anything. One that does not (<c>{{}}</c>, DECK020) keeps its place in the numbering,
    /// so writing its text later gives it its own key without moving the others' histories, but is never asked.
    /// </summary>
    public bool HidesSomething => Text.Length > 0;
}

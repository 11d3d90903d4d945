using DeckLsp.Core.Text;

namespace DeckLsp.Core.Diagnostics;

/// <summary>A quick fix: a title and the edits (offsets in the current text, not overlapping) that apply it.</summary>
public sealed record CodeFix(string Title, IReadOnlyList<TextChange> Edits);

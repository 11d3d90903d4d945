namespace DeckLsp.Core.Rendering;

/// <summary>
/// A card as the study view shows it: the front, and the back shown alone once revealed (the whole card: for a basic
/// card the question, a rule and the answer; for a cloze card the text with the deletion revealed, then any extra).
/// </summary>
public sealed record RenderedCard(string FrontHtml, string BackHtml);

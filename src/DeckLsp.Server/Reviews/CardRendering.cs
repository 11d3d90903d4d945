using DeckLsp.Core.Identity;
using DeckLsp.Core.Model;
using DeckLsp.Core.Rendering;

namespace DeckLsp.Server.Reviews;

/// <summary>
/// A card as the study panel shows it: rendered by Core, its relative images and links made <c>file:</c> URIs beside
/// the deck (the client maps them to what its view may load). A service of its own so that a failure to render can
/// be injected in tests: a card that cannot be shown must never undo the rating before it.
/// </summary>
internal class CardRendering
{
    /// <summary>The side of <paramref name="card"/> that <paramref name="key"/> studies: a deletion, a direction, or the card.</summary>
    public virtual RenderedCard Render(Card card, string deckText, string? deckPath, ReviewKey key)
    {
        var folder = Path.GetDirectoryName(deckPath);
        return CardRenderer.Render(card, deckText, relative => Resolve(folder, relative), key.Deletion, key.Reverse);
    }

    private static string? Resolve(string? folder, string relative) =>
        folder is null ? null : new Uri(Path.GetFullPath(Path.Combine(folder, relative))).AbsoluteUri;
}

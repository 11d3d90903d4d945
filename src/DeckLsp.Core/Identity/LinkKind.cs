namespace DeckLsp.Core.Identity;

/// <summary>Why a card got its key.</summary>
public enum LinkKind
{
    /// <summary>The card has an explicit id, which is its key.</summary>
    Id,

    /// <summary>Same question and answer as a known card (in the editor: untouched by the edit, or moved).</summary>
    Same,

    /// <summary>The only card the edit touched where one card stood before: edited in place, however much.</summary>
    Edited,

    /// <summary>Clearly the most similar known card, and that card's most similar card too.</summary>
    Similar,

    /// <summary>The text of a card removed shortly before (cut, then pasted).</summary>
    Restored,

    /// <summary>No known card: a fresh key.</summary>
    New,
}

namespace DeckLsp.Core.Model;

/// <summary>What a card's marker made it: a question/answer pair, one studied both ways, or a cloze paragraph.</summary>
public enum CardKind
{
    Basic,
    Cloze,

    /// <summary>An <c>R:</c> card: a question/answer pair also studied from the answer to the question.</summary>
    Reversible,
}

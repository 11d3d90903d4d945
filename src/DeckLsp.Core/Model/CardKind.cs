namespace DeckLsp.Core.Model;

/// <summary>What a card's marker made it: a question/answer pair or a cloze paragraph.</summary>
public enum CardKind
{
    Basic,
    Cloze,
}

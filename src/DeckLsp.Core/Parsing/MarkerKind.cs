namespace DeckLsp.Core.Parsing;

/// <summary>The three markers that give a paragraph its role in a card.</summary>
public enum MarkerKind
{
    None,
    Question,
    Answer,
    Cloze,
}

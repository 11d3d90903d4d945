namespace DeckLsp.Core.Parsing;

/// <summary>The markers that give a paragraph its role in a card.</summary>
public enum MarkerKind
{
    None,
    Question,
    Answer,
    Cloze,

    /// <summary><c>R:</c>: a question whose card is also studied the other way round (answer → question).</summary>
    Reversible,
}

namespace DeckLsp.Core.Identity;

/// <summary>
/// A card's key within its deck: its explicit id (<c>&lt;!-- id: … --&gt;</c>), or <c>~</c> and 12 hex digits that the
/// history gave it (ids cannot hold <c>~</c>, so the two never collide).
/// </summary>
public readonly record struct CardKey
{
    public CardKey(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
    }

    public string Value { get; }

    /// <summary>True for a key the history made, false for an explicit id.</summary>
    public bool IsGiven => Value.StartsWith('~');

    public override string ToString() => Value;
}

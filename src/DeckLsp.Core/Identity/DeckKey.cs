namespace DeckLsp.Core.Identity;

/// <summary>
/// A deck's key in the review history: <c>id:</c> and its front-matter id, or a key the history gave the deck's path
/// (<c>p</c> and hex digits, or, for history kept before the repository log, <c>~</c> and hex digits).
/// </summary>
public readonly record struct DeckKey
{
    private const string IdPrefix = "id:";

    public DeckKey(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
    }

    public string Value { get; }

    /// <summary>The key of a deck whose front matter names its <c>id</c>: found by it wherever the file goes.</summary>
    public static DeckKey OfId(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return new DeckKey(IdPrefix + id);
    }

    public bool IsId => Value.StartsWith(IdPrefix, StringComparison.Ordinal);

    public override string ToString() => Value;
}

using DeckLsp.Core.Documents;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Text;

namespace DeckLsp.Core.Tests.Identity;

/// <summary>
/// The identity tests' helper. A deck is opened with keys k1, k2… (or its ids); edits are applied as an editor sends
/// them (the smallest change between the texts) and tracked; fresh keys are n1, n2…. Keys read "k1 n1 id&lt;k2",
/// where "id&lt;k2" is a card keyed by its id that took over k2's history.
/// </summary>
internal static class IdentityCheck
{
    public static FreshKey Counter(string prefix)
    {
        var next = 0;
        return (_, _) => $"{prefix}{++next}";
    }

    public static string Show(IEnumerable<CardLink> links) =>
        string.Join(" ", links.Select(l => l.Previous is null ? l.Key : $"{l.Key}<{l.Previous}"));

    public static string Show(IEnumerable<KeyedFingerprint> removed) => string.Join(" ", removed.Select(r => r.Key));

    public static (DeckDocument Document, IReadOnlyList<string> Keys) Open(string deck)
    {
        var document = DeckDocument.Parse(deck);
        var opened = CardIdentity.Relink([], CardFingerprint.AllOf(document.Deck, document.Text), Counter("k"));
        return (document, opened.Keys);
    }

    public static IReadOnlyList<KeyedFingerprint> Known(string deck)
    {
        var (document, keys) = Open(deck);
        return CardFingerprint.AllOf(document.Deck, document.Text).Select((print, i) => new KeyedFingerprint(keys[i], print)).ToList();
    }

    /// <summary>The smallest single change turning <paramref name="before"/> into <paramref name="after"/>, as an editor reports a keystroke.</summary>
    public static TextChange Diff(string before, string after)
    {
        var prefix = 0;
        while (prefix < before.Length && prefix < after.Length && before[prefix] == after[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < before.Length - prefix && suffix < after.Length - prefix && before[^(suffix + 1)] == after[^(suffix + 1)])
        {
            suffix++;
        }

        return new TextChange(TextSpan.FromBounds(prefix, before.Length - suffix), after[prefix..^suffix]);
    }

    /// <summary>Edits that type <paramref name="typed"/> one character at a time right after <paramref name="anchor"/>.</summary>
    public static (string Find, string Replace)[] Typing(string anchor, string typed) =>
        Enumerable.Range(0, typed.Length).Select(i => (anchor + typed[..i], anchor + typed[..(i + 1)])).ToArray();

    /// <summary>Applies each edit (the only occurrence of Find replaced by Replace) and tracks keys through all of them.</summary>
    public static (string Keys, string Removed) Edit(string deck, params (string Find, string Replace)[] edits)
    {
        var (document, keys) = Open(deck);
        var fresh = Counter("n");
        var removed = new List<KeyedFingerprint>();
        IReadOnlyList<CardLink> links = keys.Select(k => new CardLink(k, LinkKind.Same)).ToList();
        foreach (var (find, replace) in edits)
        {
            var at = document.Text.IndexOf(find, StringComparison.Ordinal);
            if (at < 0 || document.Text.IndexOf(find, at + 1, StringComparison.Ordinal) >= 0)
            {
                throw new ArgumentException($"`{find}` must occur exactly once in:\n{document.Text}");
            }

            var text = string.Concat(document.Text.AsSpan(0, at), replace, document.Text.AsSpan(at + find.Length));
            var change = Diff(document.Text, text);
            var next = document.Apply(change);
            var result = CardIdentity.Track(new KeyedCards(document.Text, document.Deck.Cards, keys), next.Deck.Cards, next.Text,
                change, fresh, removed);

            // What the server does with its short "recently removed" list: add what went, drop what came back.
            removed.AddRange(result.Removed);
            removed.RemoveAll(r => result.Keys.Contains(r.Key) || result.Links.Any(l => l.Previous == r.Key));
            (document, keys, links) = (next, result.Keys, result.Links);
        }

        return (Show(links), Show(removed));
    }
}

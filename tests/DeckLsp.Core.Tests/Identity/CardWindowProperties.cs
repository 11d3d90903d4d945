using DeckLsp.Core.Documents;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Tests.Parsing;
using DeckLsp.Core.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DeckLsp.Core.Tests.Identity;

/// <summary>
/// Following the keys through the cards an edit re-parsed (<see cref="CardIdentity.TrackWindow"/>) must give every card
/// the key that following them through the whole deck (<see cref="CardIdentity.Track"/>) gives it, and report the same
/// cards removed, through random edits of random decks; cut-and-paste restores and fresh keys that equal a key in use
/// elsewhere included.
/// </summary>
public class CardWindowProperties
{
    // Cards around the random part, so that most edits leave cards on both sides of the window.
    private const string Around = "# Deck\n\nQ: first\nA: one\n\nQ: second\nA: two\n\nQ: same\nA: same\n\n";

    // A fresh key made from the card's text, as the server's is: a pasted copy of a card asks for the key it already has.
    private static readonly FreshKey Fresh = (card, attempt) => $"~{card.Question}|{card.Answer}|{attempt}";

    [Property(MaxTest = 400, Arbitrary = [typeof(IncrementalParseProperties)])]
    public Property Keys_followed_in_the_window_equal_keys_followed_through_the_deck(IncrementalParseProperties.Scenario scenario)
    {
        var document = DeckDocument.Parse(Around + scenario.Deck + "\n\n" + Around);
        // Keys as the server holds them: every card with an id keys by it, every key once (what tracking from nothing gives).
        var keys = CardIdentity.Track(new KeyedCards("", [], []), document.Deck.Cards, document.Text,
            new TextChange(new TextSpan(0, 0), document.Text), Fresh).Keys;
        var removed = new List<KeyedFingerprint>();
        var windows = 0;
        foreach (var edit in scenario.Edits)
        {
            var start = edit.Position % (document.Text.Length + 1);
            var end = Math.Min(document.Text.Length, start + edit.Removed);
            var change = new TextChange(TextSpan.FromBounds(start, end), edit.Inserted);
            var after = document.Apply(change);
            var known = new KeyedCards(document.Text, document.Deck.Cards, keys);
            var full = CardIdentity.Track(known, after.Deck.Cards, after.Text, change, Fresh, removed);
            if (after.ChangedCardsSince(document) is { } window
                && CardIdentity.TrackWindow(known, after.Deck.Cards, after.Text, change, window, Fresh, removed) is { } inWindow)
            {
                windows++;
                var stitched = keys.Take(window.Kept).Concat(inWindow.Keys).Concat(keys.Skip(window.BeforeEnd)).ToArray();
                if (!stitched.SequenceEqual(full.Keys))
                {
                    return false.Label($"after {edit} ({window}): window keys [{string.Join(", ", stitched)}], full [{string.Join(", ", full.Keys)}]");
                }

                var fullRemoved = full.Removed.Select(r => r.Key).Order(StringComparer.Ordinal);
                if (!inWindow.Removed.Select(r => r.Key).Order(StringComparer.Ordinal).SequenceEqual(fullRemoved))
                {
                    return false.Label($"after {edit} ({window}): removed differs");
                }
            }

            // Carried on as the server carries them: keys that came back leave the removed list.
            var back = full.Keys.ToHashSet(StringComparer.Ordinal);
            removed.RemoveAll(r => back.Contains(r.Key));
            removed.AddRange(full.Removed);
            keys = full.Keys;
            document = after;
        }

        return true.ToProperty().Classify(windows > 0, "tracked in a window");
    }

    [Fact]
    public void Typing_in_one_card_keeps_the_others_and_tracks_only_that_card()
    {
        var document = DeckDocument.Parse(Around + "Q: typed\nA: \n\n" + Around);
        var keys = document.Deck.Cards.Select((_, i) => $"k{i}").ToArray();
        var at = document.Text.IndexOf("A: \n", StringComparison.Ordinal) + 3;
        var change = new TextChange(new TextSpan(at, 0), "x");
        var after = document.Apply(change);

        var window = after.ChangedCardsSince(document);
        var result = CardIdentity.TrackWindow(new KeyedCards(document.Text, document.Deck.Cards, keys), after.Deck.Cards, after.Text,
            change, window!.Value, Fresh);

        Assert.True(window.Value.BeforeEnd - window.Value.Kept < document.Deck.Cards.Count);
        Assert.NotNull(result);
        var typed = Array.FindIndex(after.Deck.Cards.ToArray(), c => c.Title == "typed");
        Assert.Equal(keys[typed], result.Keys[typed - window.Value.Kept]);
        Assert.Null(DeckDocument.Parse(after.Text).ChangedCardsSince(document));
    }
}

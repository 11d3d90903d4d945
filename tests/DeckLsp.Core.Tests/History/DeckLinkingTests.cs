using DeckLsp.Core.Documents;
using DeckLsp.Core.History;
using DeckLsp.Core.Identity;

namespace DeckLsp.Core.Tests.History;

/// <summary>
/// Another machine reads the deck: its cards find the keys the history knows, from hashes alone, and new cards get
/// the same keys on every machine.
/// </summary>
public class DeckLinkingTests
{
    private const string Deck = "Q: What is BPTT?\nA: Backpropagation through time.\n\nQ: What is an LSTM?\nA: A gated RNN.\n";

    private static IReadOnlyList<string> Link(string text, ReviewHistory history, IReadOnlyDictionary<CardKey, CardFingerprint>? seenHere = null)
    {
        var document = DeckDocument.Parse(text);
        return DeckLinking.Link(HistoryEvents.Deck, document.Deck, document.Text, history, seenHere).Keys;
    }

    /// <summary>The history after the first machine rated every card of <paramref name="text"/>, recording what each key identifies.</summary>
    private static (ReviewHistory History, IReadOnlyList<string> Keys) Rated(string text)
    {
        var empty = ReviewHistory.Empty(HistoryEvents.Replay);
        var keys = Link(text, empty);
        var document = DeckDocument.Parse(text);
        var prints = CardFingerprint.AllOf(document.Deck, document.Text);
        var laptop = new HistoryEvents("laptop");
        var events = new List<HistoryEvent>();
        for (var i = 0; i < keys.Count; i++)
        {
            events.Add(laptop.Seen(keys[i], prints[i].Question, prints[i].Answer));
            events.Add(laptop.Rate(keys[i], 4, i));
        }

        return (ReviewHistory.Build(HistoryEvents.Replay, events), keys);
    }

    [Fact]
    public void New_cards_get_the_same_keys_on_every_machine()
    {
        var empty = ReviewHistory.Empty(HistoryEvents.Replay);

        var first = Link(Deck, empty);
        var second = Link(Deck, ReviewHistory.Empty(HistoryEvents.Replay));

        Assert.Equal(first, second);
        Assert.All(first, key => Assert.Matches("^~[0-9a-f]{12}$", key));
        Assert.Equal(2, first.Distinct().Count());
    }

    [Fact]
    public void Two_cards_of_the_same_text_get_two_keys()
    {
        var keys = Link("Q: same\nA: same answer\n\nQ: same\nA: same answer\n", ReviewHistory.Empty(HistoryEvents.Replay));

        Assert.Equal(2, keys.Distinct().Count());
    }

    [Fact]
    public void A_question_rewritten_elsewhere_is_found_by_its_answer()
    {
        var (history, keys) = Rated(Deck);

        var linked = Link(Deck.Replace("What is BPTT?", "Explain backpropagation through time"), history);

        Assert.Equal(keys, linked);
    }

    [Fact]
    public void An_answer_rewritten_elsewhere_is_found_by_its_question()
    {
        var (history, keys) = Rated(Deck);

        var linked = Link(Deck.Replace("A gated RNN.", "A recurrent network with input, forget and output gates."), history);

        Assert.Equal(keys, linked);
    }

    [Fact]
    public void Reordered_cards_keep_their_keys()
    {
        var (history, keys) = Rated(Deck);
        var swapped = "Q: What is an LSTM?\nA: A gated RNN.\n\nQ: What is BPTT?\nA: Backpropagation through time.\n";

        Assert.Equal([keys[1], keys[0]], Link(swapped, history));
    }

    [Fact]
    public void Both_sides_edited_are_found_by_similar_text_only_where_the_old_text_was_seen()
    {
        var (history, keys) = Rated(Deck);
        var edited = Deck.Replace("What is BPTT?", "What is the BPTT?").Replace("Backpropagation through time.", "Backpropagation through time!");
        var document = DeckDocument.Parse(Deck);
        var seen = new Dictionary<CardKey, CardFingerprint>
        {
            [new CardKey(keys[0])] = CardFingerprint.Of(document.Deck.Cards[0], document.Text, 0),
        };

        Assert.Equal(keys[0], Link(edited, history, seen)[0]);
        Assert.NotEqual(keys[0], Link(edited, history)[0]);
    }

    [Fact]
    public void The_text_of_a_rated_key_is_recorded_only_when_the_history_does_not_know_it_as_it_is()
    {
        var (history, keys) = Rated(Deck);
        var edited = DeckDocument.Parse(Deck.Replace("A gated RNN.", "A gated recurrent network."));
        var prints = CardFingerprint.AllOf(edited.Deck, edited.Text);
        var identity = history.IdentityOf(HistoryEvents.Deck);

        var unrecorded = DeckLinking.Unrecorded(keys.Select(k => new CardKey(k)).ToList(), prints, identity);

        var (card, question, answer) = Assert.Single(unrecorded);
        Assert.Equal(keys[1], card.Value);
        Assert.Equal(ContentHash.Of(prints[1]), (question, answer));
    }
}

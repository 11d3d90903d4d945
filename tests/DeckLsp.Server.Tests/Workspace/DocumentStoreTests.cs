using DeckLsp.Server.Protocol;
using DeckLsp.Server.Workspace;

namespace DeckLsp.Server.Tests.Workspace;

public sealed class DocumentStoreTests
{
    private const string Uri = "file:///tmp/store.deck.md";

    private static TextDocumentContentChangeEvent Replace(int line, int from, int to, string text) => new()
    {
        Range = new Range { Start = new Position { Line = line, Character = from }, End = new Position { Line = line, Character = to } },
        Text = text,
    };

    [Fact]
    public void Changes_apply_in_order_each_relative_to_the_previous_result()
    {
        var store = new DocumentStore();
        store.Open(Uri, 1, "Q: ab\n");

        store.Change(Uri, 2, [Replace(0, 3, 4, "X"), Replace(0, 4, 5, "Y"), Replace(0, 5, 5, "Z")]);

        Assert.Equal("Q: XYZ\n", store.Get(Uri)!.Document.Text);
    }

    [Fact]
    public void Positions_count_utf16_code_units()
    {
        var store = new DocumentStore();
        store.Open(Uri, 1, "Q: 😀x\n");

        // The emoji is two code units: character 5 is just before "x".
        store.Change(Uri, 2, [Replace(0, 5, 6, "y")]);

        Assert.Equal("Q: 😀y\n", store.Get(Uri)!.Document.Text);
    }

    [Fact]
    public void Every_edit_makes_a_new_snapshot_and_old_snapshots_stay_as_they_were()
    {
        var store = new DocumentStore();
        store.Open(Uri, 1, "Q: a\n");
        var before = store.Current;

        store.Change(Uri, 2, [Replace(0, 3, 4, "b")]);

        Assert.Equal("Q: a\n", before.Get(Uri)!.Document.Text);
        Assert.Equal("Q: b\n", store.Get(Uri)!.Document.Text);
        Assert.True(store.Current.Revision > before.Revision);
    }

    // Following the card keys through an edit may fail (here: keys that do not match the cards, as a bug would leave
    // them); the editor's text must not be lost for it, and the deck is linked afresh.
    [Fact]
    public void An_edit_is_kept_when_following_the_card_keys_fails()
    {
        using var folder = new TempFolder();
        using var source = new DeckLsp.Server.History.DatabaseHistory(Path.Combine(folder.Path, "reviews.db"), Tests.History.HistoryProbe.Replay,
            DeckLsp.Server.Reviews.ReviewSettings.Default.Fingerprint(), "laptop");
        var store = new DocumentStore();
        store.Open(Uri, 1, "Q: a\n\nQ: x\nA: y\n", (_, _, _) =>
            new DeckLsp.Server.Reviews.DeckLink(source, "a.deck.md", new Core.Identity.DeckKey("p0"), [new Core.Identity.CardKey("~only-one")], []));

        var failure = Assert.Throws<EditObserverException>(() => store.Change(Uri, 2, [Replace(0, 3, 4, "b"), Replace(0, 4, 4, "c")]));

        Assert.IsType<ArgumentException>(failure.InnerException);
        Assert.Equal("Q: bc\n\nQ: x\nA: y\n", store.Get(Uri)!.Document.Text);
        Assert.Equal(2, store.Get(Uri)!.Version);
        Assert.Equal(2, store.Get(Uri)!.Link!.Cards.Count);
    }

    [Fact]
    public void An_edit_that_nests_too_deep_for_the_parser_is_applied_and_later_edits_follow_it()
    {
        var store = new DocumentStore();
        store.Open(Uri, 1, "Q: a\nA: b\n");
        var deep = new string('>', 200) + " x\n\n";

        store.Change(Uri, 2, [Replace(0, 0, 0, deep)]);
        store.Change(Uri, 3, [Replace(2, 0, 1, "C")]);

        var document = store.Get(Uri)!.Document;
        Assert.Equal(deep + "C: a\nA: b\n", document.Text);
        Assert.Contains(document.Diagnostics, d => d.Code == "DECK016");
        Assert.Single(document.Deck.Cards);
    }

    // didOpen stores the parse, queues its diagnostics, and only then links the deck to its history (LinkOpened): the
    // publication reads a stored document that does not wait for the link.
    [Fact]
    public void An_opened_document_is_stored_before_it_is_linked_and_linked_after()
    {
        using var folder = new TempFolder();
        using var source = new DeckLsp.Server.History.DatabaseHistory(Path.Combine(folder.Path, "reviews.db"), Tests.History.HistoryProbe.Replay,
            DeckLsp.Server.Reviews.ReviewSettings.Default.Fingerprint(), "laptop");
        var store = new DocumentStore();
        var opened = store.Open(Uri, 1, "Q: a\nA: b\n");
        OpenDocument? seenWhileLinking = null;

        var linked = store.LinkOpened(opened, (uri, _, document) =>
        {
            seenWhileLinking = store.Get(uri);
            return new DeckLsp.Server.Reviews.DeckLink(source, "a.deck.md", new Core.Identity.DeckKey("p0"), [new Core.Identity.CardKey("~a")], []);
        });

        Assert.Same(opened.Document, seenWhileLinking!.Document);
        Assert.Null(seenWhileLinking.Link);
        Assert.Same(linked, store.Get(Uri));
        Assert.Equal("~a", store.Get(Uri)!.Link!.Cards.Single().Value);
    }

    [Fact]
    public void A_link_made_for_a_snapshot_the_store_no_longer_holds_is_dropped()
    {
        using var folder = new TempFolder();
        using var source = new DeckLsp.Server.History.DatabaseHistory(Path.Combine(folder.Path, "reviews.db"), Tests.History.HistoryProbe.Replay,
            DeckLsp.Server.Reviews.ReviewSettings.Default.Fingerprint(), "laptop");
        var store = new DocumentStore();
        var first = store.Open(Uri, 1, "Q: a\nA: b\n");
        var second = store.Open(Uri, 2, "Q: other\nA: b\n");

        var result = store.LinkOpened(first, (_, _, _) =>
            new DeckLsp.Server.Reviews.DeckLink(source, "a.deck.md", new Core.Identity.DeckKey("p0"), [new Core.Identity.CardKey("~a")], []));

        Assert.Same(second.Document, result.Document);
        Assert.Null(store.Get(Uri)!.Link);
    }

    [Fact]
    public void Closing_forgets_the_document()
    {
        var store = new DocumentStore();
        store.Open(Uri, 1, "Q: a\n");

        Assert.True(store.Close(Uri));
        Assert.Null(store.Get(Uri));
        Assert.False(store.Close(Uri));
    }
}

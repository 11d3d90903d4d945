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

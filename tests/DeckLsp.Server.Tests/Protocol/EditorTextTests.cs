using System.Text.Json;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Workspace;

namespace DeckLsp.Server.Tests.Protocol;

/// <summary>
/// Editors hold text as UTF-16 and may send it not well-formed: a lone surrogate, or an edit that splits a pair.
/// JavaScript's JSON writes those as "\ud83d" escapes, which System.Text.Json refuses to read as a string: the whole
/// didChange was dropped and the server's text parted from the editor's. The text is read exactly as sent.
/// </summary>
public sealed class EditorTextTests
{
    private const string Uri = "file:///tmp/editor-text.deck.md";

    private static readonly JsonSerializerOptions Options = Configured();

    public static TheoryData<string, string> Texts => new()
    {
        { @"\ud83d", "\uD83D" },
        { @"\ude00", "\uDE00" },
        { @"a\ude00\ud83db", "a\uDE00\uD83Db" },
        { @"\ud83d\ude00 and \ud83d", "😀 and \uD83D" },
        { @"\ud83d\u0041", "\uD83DA" },
        { @"caf\u00e9 \""q\"" \\ \/ \b\f\n\r\t 😀", "café \"q\" \\ / \b\f\n\r\t 😀" },
        { "plain", "plain" },
    };

    [Theory]
    [MemberData(nameof(Texts), DisableDiscoveryEnumeration = true)] // xUnit would serialize the cases, mending their surrogates
    public void Change_text_is_read_exactly_as_the_editor_sent_it(string json, string expected)
    {
        var change = JsonSerializer.Deserialize<TextDocumentContentChangeEvent>($$"""{"text":"{{json}}"}""", Options)!;

        Assert.Equal(expected, change.Text);
    }

    [Theory]
    [MemberData(nameof(Texts), DisableDiscoveryEnumeration = true)] // xUnit would serialize the cases, mending their surrogates
    public void Opened_text_is_read_exactly_as_the_editor_sent_it(string json, string expected)
    {
        var opened = JsonSerializer.Deserialize<DidOpenTextDocumentParams>(
            $$$"""{"textDocument":{"uri":"{{{Uri}}}","languageId":"markdown","version":1,"text":"{{{json}}}"}}""", Options)!;

        Assert.Equal(expected, opened.TextDocument.Text);
    }

    [Fact]
    public void Edits_that_split_a_surrogate_pair_or_insert_half_of_one_are_applied_as_sent()
    {
        var store = new DocumentStore();
        store.Open(Uri, 1, "Q: 😀x\nA: b\n");
        var changes = JsonSerializer.Deserialize<DidChangeTextDocumentParams>($$$"""
            {"textDocument":{"uri":"{{{Uri}}}","version":2},"contentChanges":[
              {"range":{"start":{"line":0,"character":4},"end":{"line":0,"character":4}},"text":"y"},
              {"range":{"start":{"line":1,"character":3},"end":{"line":1,"character":4}},"text":"\ud83d"},
              {"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"text":"\ude00"}]}
            """, Options)!;

        store.Change(Uri, 2, changes.ContentChanges);

        Assert.Equal("\uDE00Q: \uD83Dy\uDE00x\nA: \uD83D\n", store.Get(Uri)!.Document.Text);
    }

    private static JsonSerializerOptions Configured()
    {
        var options = new JsonSerializerOptions();
        LspJson.Configure(options);
        return options;
    }
}

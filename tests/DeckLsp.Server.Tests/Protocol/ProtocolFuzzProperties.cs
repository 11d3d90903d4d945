using DeckLsp.Server.Hosting;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DeckLsp.Server.Handlers;
using DeckLsp.Server.Workspace;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using StreamJsonRpc;

namespace DeckLsp.Server.Tests.Protocol;

/// <summary>
/// The protocol fuzz target: random sequences of malformed messages (the seed corpus, random bytes, valid requests cut
/// short or given bad ids), well-formed but hostile requests (every method, absurd positions and URIs, huge fields) and
/// real edits, sent over the real framing in pieces of random size. After each sequence the server is alive, has
/// answered every request exactly once and every malformed message once, and holds exactly the editor's text.
/// Deck texts that stress the parser are the parsing fuzz target's (IncrementalParseProperties, DeckTextFuzz).
/// </summary>
public sealed class ProtocolFuzzProperties
{
    private const string Uri = "file:///fuzz/model.deck.md";
    private const string Other = "file:///fuzz/other.deck.md";
    private const long FirstId = 10_000;

    /// <summary>One thing the client does; <see cref="Answers"/> is how many answers a malformed message is owed.</summary>
    public abstract record Step
    {
        public sealed record Malformed(string What, byte[] Bytes, int Answers, bool Framing = false) : Step;

        public sealed record Request(string Method, string Params) : Step;

        public sealed record Notify(string Method, string Params) : Step;

        public sealed record Edit(int Start, int Length, string Text) : Step;
    }

    public sealed record Scenario(string Text, Step[] Steps, int[] Cuts)
    {
        public override string ToString() =>
            $"text {JsonSerializer.Serialize(Text, TestJson.Default.String)}\n" + string.Join("\n", Steps.Select(Show)) + $"\ncuts {string.Join(",", Cuts)}";

        private static string Show(Step step) => step switch
        {
            Step.Malformed m => $"malformed {m.What}: {Shorten(Encoding.UTF8.GetString(m.Bytes))}",
            _ => Shorten(step.ToString()),
        };

        private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + $"… ({text.Length} chars)";
    }

    private static readonly string[] Pieces =
    [
        "Q: What is it?\n", "A: This.\n", "C: The {{x::hint}} y\n", "\n", "# Heading\n", "## Sub\n", "---\n", "```\n", "- item\n",
        "> quote\n", "<!-- id: a -->", "{{", "}}", "\r\n", "é", "😀", "\t", "Q:", "A:", "text ", "[link](x.md)", "\\", "\"",
    ];

    private static readonly Gen<string> Texts = Gen.Elements(Pieces).ArrayOf().Select(p => string.Concat(p.Take(12)));

    private static readonly Gen<string> Uris = Gen.Elements(
        Uri, Other, "file:///fuzz/missing.deck.md", "", "not a uri", "file:///../../etc/passwd", "untitled:Untitled-1",
        "file:///fuzz/" + new string('x', 5000) + ".deck.md", "file:///fuzz/%E0%A4%A.deck.md", "http://example.com/a.deck.md");

    private static readonly Gen<string> Positions =
        from line in Gen.Elements(0, 1, 3, -1, int.MaxValue, int.MinValue)
        from character in Gen.Elements(0, 2, 7, -5, int.MaxValue)
        select $$"""{"line":{{line}},"character":{{character}} }""";

    private static readonly Gen<string> Numbers = Gen.Elements("0", "-1", "1e308", "2147483648", "1.5", "\"5\"", "null", "[]", "{}");

    private static Gen<Step> Requests =>
        from uri in Uris
        from position in Positions
        from number in Numbers
        from query in Texts
        from pick in Gen.Choose(0, 13)
        let document = $$"""{"uri":{{Json(uri)}} }"""
        select (Step)(pick switch
        {
            0 => new Step.Request("textDocument/hover", $$"""{"textDocument":{{document}},"position":{{position}} }"""),
            1 => new Step.Request("textDocument/completion", $$"""{"textDocument":{{document}},"position":{{position}} }"""),
            2 => new Step.Request("textDocument/codeLens", $$"""{"textDocument":{{document}} }"""),
            3 => new Step.Request("textDocument/documentSymbol", $$"""{"textDocument":{{document}} }"""),
            4 => new Step.Request("textDocument/foldingRange", $$"""{"textDocument":{{document}} }"""),
            5 => new Step.Request("textDocument/codeAction", $$"""{"textDocument":{{document}},"range":{"start":{{position}},"end":{{position}} },"context":{"diagnostics":[]} }"""),
            6 => new Step.Request("workspace/symbol", $$"""{"query":{{Json(query)}} }"""),
            7 => new Step.Request("deck/startReview", $$"""{"uri":{{Json(uri)}},"scope":"{{(number == "0" ? "workspace" : "deck")}}","line":{{number}} }"""),
            8 => new Step.Request("deck/rate", $$"""{"sessionId":{{Json(query)}},"rating":{{number}} }"""),
            9 => new Step.Request("deck/dueCounts", "{}"),
            10 => new Step.Request("deck/orphans", "{}"),
            11 => new Step.Request("textDocument/definition", $$"""{"textDocument":{{document}},"position":{{position}} }"""),
            12 => new Step.Request("textDocument/hover", $$"""{"textDocument":{"uri":{{number}} },"position":{{number}} }"""),
            _ => new Step.Request("deck/undo", $$"""{"sessionId":{{number}} }"""),
        });

    private static Gen<Step> Notifications =>
        from uri in Gen.Elements(Other, "file:///fuzz/missing.deck.md", "")
        from text in Texts
        from number in Numbers
        from pick in Gen.Choose(0, 6)
        select (Step)(pick switch
        {
            0 => new Step.Notify("textDocument/didOpen", $$"""{"textDocument":{"uri":{{Json(uri)}},"languageId":"markdown","version":1,"text":{{Json(text)}} } }"""),
            1 => new Step.Notify("textDocument/didChange", $$"""{"textDocument":{"uri":{{Json(uri)}},"version":2},"contentChanges":[{"range":{"start":{"line":999,"character":999},"end":{"line":-1,"character":0} },"text":{{Json(text)}} }]}"""),
            2 => new Step.Notify("textDocument/didClose", $$"""{"textDocument":{"uri":{{Json(uri)}} } }"""),
            3 => new Step.Notify("$/cancelRequest", $$"""{"id":{{number}} }"""),
            4 => new Step.Notify("$/setTrace", """{"value":"verbose"}"""),
            5 => new Step.Notify("workspace/didChangeWatchedFiles", $$"""{"changes":[{"uri":{{Json(uri)}},"type":{{number}} }]}"""),
            _ => new Step.Notify("no/such/notification", $$"""{"x":{{number}} }"""),
        });

    private static Gen<Step> Malformed =>
        Gen.OneOf(
            Gen.Elements(ProtocolSeeds.All.ToArray()).Select(s => (Step)new Step.Malformed(s.Name, s.Bytes, s.Answered ? 1 : 0, s.Framing)),
            Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(b => (Step)new Step.Malformed("random bytes", RawLspClient.Frame(Garbage(b)), 1)),
            from cut in Gen.Choose(1, 60)
            select (Step)new Step.Malformed("a request cut short", RawLspClient.Frame("""{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{"textDocument":{"uri":"x"}}}"""[..cut]), 1),
            from id in Gen.Elements("1.25", "{}", "[]", "true", "-0.5", "1e400", "\"\\udc00\"")
            select (Step)new Step.Malformed($"id {id}", RawLspClient.Frame($$"""{"jsonrpc":"2.0","id":{{id}},"method":"textDocument/hover","params":{} }"""), 1),
            from size in Gen.Elements(1, 100, 10_000)
            select (Step)new Step.Malformed($"params nested {size} deep", RawLspClient.Frame("""{"jsonrpc":"2.0","id":7,"method":"workspace/symbol","params":""" + new string('[', size + 64) + new string(']', size + 64) + "}"), 1));

    private static Gen<Step> Edits =>
        from start in Gen.Choose(0, 10_000)
        from length in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(1, 4)), (1, Gen.Choose(5, 60)))
        from text in Gen.Frequency((3, Texts), (1, Gen.Constant("")), (1, Gen.Constant(new string('x', 20_000))))
        select (Step)new Step.Edit(start, length, text);

    public static Arbitrary<Scenario> Scenarios() =>
        (from text in Texts
         from steps in Gen.Choose(1, 24).SelectMany(n => Gen.Frequency((3, Malformed), (3, Requests), (2, Notifications), (3, Edits)).ArrayOf(n))
         from cuts in Gen.Choose(1, 4096).ArrayOf()
         select new Scenario(text, steps, cuts)).ToArbitrary();

    [Property(MaxTest = 60, Arbitrary = [typeof(ProtocolFuzzProperties)])]
    [Trait("Server", Executable.ServerUnderTest.InProcessOnly)]
    public async Task<Property> The_server_answers_every_request_stays_alive_and_keeps_the_editors_text(Scenario scenario)
    {
        await using var client = RawLspClient.StartInProcess(configureServices: s => s.AddLspHandler<TextProbe, TestHandlerShapes>());
        await client.InitializeAsync();
        var model = scenario.Text;
        var version = 1;
        await client.NotifyAsync("textDocument/didOpen", $$"""{"textDocument":{"uri":"{{Uri}}","languageId":"markdown","version":1,"text":{{Json(model)}} } }""");

        var bytes = new List<byte>();
        var requests = new List<long>();
        // Framing errors in a row are skipped together, up to the next header, and answered once.
        int fewest = 0, most = 0;
        var previousWasFraming = false;
        foreach (var step in scenario.Steps)
        {
            var framing = step is Step.Malformed { Framing: true };
            switch (step)
            {
                case Step.Malformed malformed:
                    bytes.AddRange(malformed.Bytes);
                    fewest += framing && previousWasFraming ? 0 : malformed.Answers;
                    most += malformed.Answers;
                    break;
                case Step.Request request:
                    var id = FirstId + requests.Count;
                    requests.Add(id);
                    bytes.AddRange(RawLspClient.Frame($$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{request.Method}}","params":{{request.Params}} }"""));
                    break;
                case Step.Notify notify:
                    bytes.AddRange(RawLspClient.Frame($$"""{"jsonrpc":"2.0","method":"{{notify.Method}}","params":{{notify.Params}} }"""));
                    break;
                case Step.Edit edit:
                    var (start, end) = Span(model, edit.Start, edit.Length);
                    var change = $$"""{"range":{"start":{{At(model, start)}},"end":{{At(model, end)}} },"text":{{Json(edit.Text)}} }""";
                    model = model[..start] + edit.Text + model[end..];
                    bytes.AddRange(RawLspClient.Frame($$"""{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"{{Uri}}","version":{{++version}} },"contentChanges":[{{change}}]} }"""));
                    break;
            }

            previousWasFraming = framing;
        }

        // Everything goes in pieces of random size, so frames and messages are cut at every kind of boundary.
        var all = bytes.ToArray();
        var at = 0;
        foreach (var cut in scenario.Cuts.Append(int.MaxValue))
        {
            var length = Math.Min(cut, all.Length - at);
            await client.SendRawAsync(all[at..(at + length)]);
            at += length;
            if (at == all.Length)
            {
                break;
            }
        }

        var text = await client.RequestAsync(1, TextProbe.Method, $$"""{"uri":"{{Uri}}"}""");
        var answered = await LspTestClient.WaitForAsync(() =>
        {
            var ids = Answers(client).ToList();
            return requests.All(ids.Contains) && Others(client, requests) >= fewest ? ids : null;
        }, "every answer").ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : Answers(client).ToList());

        var missing = requests.Where(r => !answered.Contains(r)).ToList();
        var repeated = answered.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var others = Others(client, requests);
        return (!client.ServerExit!.IsCompleted).Label("the server is alive")
            .And((text.GetProperty("result").GetString() == model).Label($"the server's text equals the editor's: {Difference(text.GetProperty("result").GetString(), model)}"))
            .And((missing.Count == 0).Label($"every request is answered; not: {string.Join(", ", missing)}"))
            .And((repeated.Count == 0).Label($"no request is answered twice: {string.Join(", ", repeated)}"))
            .And((others >= fewest && others <= most).Label($"each malformed message is answered once: {others} answers, from {fewest} to {most} expected"));
    }

    // Random bytes, made sure not to be a JSON-RPC notification by chance (which is owed no answer).
    private static byte[] Garbage(byte[] bytes) => [(byte)'#', .. bytes];

    // Offsets into the model that never fall inside a surrogate pair or a CRLF (an LSP position cannot say those).
    private static (int Start, int End) Span(string text, int start, int length)
    {
        start = Adjust(text, start % (text.Length + 1));
        var end = Adjust(text, Math.Min(text.Length, start + length));
        return (start, Math.Max(start, end));
    }

    private static int Adjust(string text, int offset) =>
        offset > 0 && offset < text.Length && (char.IsLowSurrogate(text[offset]) && char.IsHighSurrogate(text[offset - 1]) || text[offset] == '\n' && text[offset - 1] == '\r')
            ? offset - 1
            : offset;

    // The LSP position of an offset, counted here rather than with the server's own line map: lines end at \n, \r\n or \r.
    private static string At(string text, int offset)
    {
        int line = 0, lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        return $$"""{"line":{{line}},"character":{{(offset - lineStart).ToString(CultureInfo.InvariantCulture)}} }""";
    }

    private static IEnumerable<long> Answers(RawLspClient client) =>
        client.Responses().Where(r => r.ValueKind == JsonValueKind.Object && r.GetProperty("id").ValueKind == JsonValueKind.Number)
            .Select(r => r.GetProperty("id").GetInt64()).Where(id => id >= FirstId);

    // Answers to anything but the requests sent here, the probe and initialize: those owed to malformed messages.
    private static int Others(RawLspClient client, List<long> requests) =>
        client.Responses().Count(r => r.ValueKind == JsonValueKind.Array || !(r.GetProperty("id").ValueKind == JsonValueKind.Number
            && r.GetProperty("id").GetInt64() is var id && (requests.Contains(id) || id == 1 || id == 1_000_000)));

    private static string Difference(string? server, string editor)
    {
        if (server is null)
        {
            return "the server does not have the document";
        }

        var at = 0;
        while (at < server.Length && at < editor.Length && server[at] == editor[at])
        {
            at++;
        }

        var from = Math.Max(0, at - 40);
        return $"they differ at {at} (lengths {server.Length} and {editor.Length}): server {Json(server[from..Math.Min(server.Length, at + 40)])}, editor {Json(editor[from..Math.Min(editor.Length, at + 40)])}";
    }

    private static string Json(string text) => JsonSerializer.Serialize(text, TestJson.Default.String);

    /// <summary>The server's own text of a document, to compare with the editor's.</summary>
    internal sealed class TextProbe(DocumentStore store) : ILspHandler
    {
        public const string Method = "test/text";

        [JsonRpcMethod(Method, UseSingleObjectParameterDeserialization = true)]
        public string? Text(JsonElement parameters) => store.Get(parameters.GetProperty("uri").GetString()!)?.Document.Text;
    }
}

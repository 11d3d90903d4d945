using System.Text.Json;

namespace DeckLsp.Server.Tests.Protocol;

/// <summary>
/// Defect 5: malformed JSON-RPC used to end the server. Each message of the seed corpus is answered as JSON-RPC 2.0
/// says (or, a notification, ignored and reported), and the next request is served.
/// </summary>
public sealed class MalformedMessageTests
{
    public static TheoryData<ProtocolSeed> Seeds => new(ProtocolSeeds.All);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_malformed_message_is_answered_as_JSON_RPC_says_and_the_server_keeps_serving(ProtocolSeed seed)
    {
        await using var client = RawLspClient.StartInProcess();
        await client.InitializeAsync();

        await client.SendRawAsync(seed.Bytes);
        var next = await client.RequestAsync(7, "textDocument/documentSymbol", """{"textDocument":{"uri":"file:///none.deck.md"}}""");

        Assert.Equal(JsonValueKind.Array, next.GetProperty("result").ValueKind);
        Assert.False(client.ServerExit!.IsCompleted);
        var answers = client.Responses().Where(r => !IsAnswerTo(r, 7) && !IsAnswerTo(r, 1_000_000)).ToList();
        if (!seed.Answered)
        {
            Assert.Empty(answers);
            var shown = Assert.Single(client.Notifications("window/showMessage"));
            Assert.Contains("DeckLsp ignored a `textDocument/", shown.GetProperty("message").GetString());
            return;
        }

        var answer = Assert.Single(answers);
        if (seed.Batch)
        {
            answer = Assert.Single(answer.EnumerateArray());
        }

        Assert.Equal(seed.Code, answer.GetProperty("error").GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(answer.GetProperty("error").GetProperty("message").GetString()));
        var id = answer.GetProperty("id");
        if (seed.Id is { } expected)
        {
            Assert.Equal(expected, id.GetInt64());
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, id.ValueKind);
        }
    }

    [Fact]
    public async Task A_string_id_is_echoed_exactly()
    {
        await using var client = RawLspClient.StartInProcess();
        await client.InitializeAsync();

        await client.SendAsync("""{"jsonrpc":"2.0","id":"req-\u00e9-1","method":"textDocument/hover","params":7}""");
        var answer = await LspTestClient.WaitForAsync(() => client.Responses().FirstOrDefault(r => r.GetProperty("id").ValueKind == JsonValueKind.String) is { ValueKind: JsonValueKind.Object } a ? new[] { a } : null, "the answer");

        Assert.Equal("req-é-1", answer[0].GetProperty("id").GetString());
        Assert.Equal(ProtocolSeeds.InvalidParams, answer[0].GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_batch_runs_none_of_its_members()
    {
        await using var client = RawLspClient.StartInProcess();
        await client.InitializeAsync();

        // Were the batch's shutdown run, the request after it would be refused as InvalidRequest.
        await client.SendAsync("""[{"jsonrpc":"2.0","id":41,"method":"shutdown"},{"jsonrpc":"2.0","id":42,"method":"shutdown"},7]""");
        var next = await client.RequestAsync(8, "textDocument/foldingRange", """{"textDocument":{"uri":"file:///none.deck.md"}}""");

        Assert.Equal(JsonValueKind.Array, next.GetProperty("result").ValueKind);
        var batch = Assert.Single(client.Responses(), r => r.ValueKind == JsonValueKind.Array);
        Assert.Equal(["41", "42", "null"], batch.EnumerateArray().Select(e => e.GetProperty("id").GetRawText()));
        Assert.All(batch.EnumerateArray(), e => Assert.Equal(ProtocolSeeds.InvalidRequest, e.GetProperty("error").GetProperty("code").GetInt32()));
    }

    [Fact]
    public async Task Params_nested_to_the_limit_are_read_and_one_level_more_is_refused()
    {
        await using var client = RawLspClient.StartInProcess();
        await client.InitializeAsync();
        static string Nested(int levels) => // the message's object and params' object are two of the levels
            """{"textDocument":{"uri":"file:///none.deck.md"},"x":""" + new string('[', levels - 2) + new string(']', levels - 2) + "}";

        var atLimit = await client.RequestAsync(9, "textDocument/documentSymbol", Nested(64));
        var over = await client.RequestAsync(10, "textDocument/documentSymbol", Nested(65));

        Assert.True(atLimit.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Array, atLimit.GetRawText());
        Assert.Equal(ProtocolSeeds.InvalidParams, over.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("65 deep", over.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_bad_header_is_skipped_up_to_the_next_header_even_inside_the_same_write()
    {
        await using var client = RawLspClient.StartInProcess();
        await client.InitializeAsync();

        await client.SendRawAsync([.. "Content-Length: 12x\r\n\r\n{\"a\":"u8, .. RawLspClient.Frame("""{"jsonrpc":"2.0","id":11,"method":"textDocument/foldingRange","params":{"textDocument":{"uri":"file:///none.deck.md"}}}""")]);
        var answer = await client.ResponseAsync(11);

        Assert.Equal(JsonValueKind.Array, answer.GetProperty("result").ValueKind);
        var error = Assert.Single(await client.NullIdErrorsAsync(1));
        Assert.Equal(ProtocolSeeds.ParseError, error.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Params_null_are_taken_as_no_params_as_some_editors_send_them_with_shutdown()
    {
        await using var client = RawLspClient.StartInProcess();
        await client.InitializeAsync();

        var answer = await client.RequestAsync(12, "shutdown", "null");
        await client.SendAsync("""{"jsonrpc":"2.0","method":"exit","params":null}""");

        Assert.Equal(JsonValueKind.Null, answer.GetProperty("result").ValueKind);
        Assert.Equal(0, await client.ServerExit!.WaitAsync(LspTestClient.Patience));
    }

    private static bool IsAnswerTo(JsonElement response, long id) =>
        response.ValueKind == JsonValueKind.Object && response.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.Number && i.TryGetInt64(out var n) && n == id;
}

using System.Text;
using System.Text.Json;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Transport;

namespace DeckLsp.Server.Tests.Protocol;

/// <summary>
/// Defect 6: a message over the size limit is refused, answered where it has an id, and its bytes skipped as they come,
/// never held; the next message is read as usual.
/// </summary>
public sealed class MessageSizeTests
{
    private const int Limit = 64 * 1024;
    private static readonly ServerOptions Small = new() { Transport = new TransportLimits { MaxMessageBytes = Limit } };

    [Fact]
    public async Task A_request_over_the_limit_is_answered_with_its_id_and_the_next_one_is_served()
    {
        await using var client = RawLspClient.StartInProcess(Small);
        await client.InitializeAsync();

        var refused = await client.RequestAsync(5, "textDocument/hover", $$"""{"textDocument":{"uri":"file:///a.deck.md"},"big":"{{new string('x', 2 * Limit)}}"}""");
        var next = await client.RequestAsync(6, "textDocument/documentSymbol", """{"textDocument":{"uri":"file:///a.deck.md"}}""");

        Assert.Equal(ProtocolSeeds.InvalidRequest, refused.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("at most 65,536 bytes", refused.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Array, next.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task An_id_after_the_oversized_params_is_answered_once_the_message_is_skipped()
    {
        await using var client = RawLspClient.StartInProcess(Small);
        await client.InitializeAsync();

        await client.SendAsync($$"""{"jsonrpc":"2.0","method":"textDocument/hover","params":{"big":"{{new string('\\', 2 * Limit)}}"},"id":"late \"one\""}""");
        var next = await client.RequestAsync(7, "textDocument/foldingRange", """{"textDocument":{"uri":"file:///a.deck.md"}}""");

        Assert.Equal(JsonValueKind.Array, next.GetProperty("result").ValueKind);
        var refused = Assert.Single(client.Responses(), r => r.GetProperty("id").ValueKind == JsonValueKind.String);
        Assert.Equal("late \"one\"", refused.GetProperty("id").GetString());
        Assert.Equal(ProtocolSeeds.InvalidRequest, refused.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task An_oversized_notification_is_skipped_and_the_user_is_told()
    {
        await using var client = RawLspClient.StartInProcess(Small);
        await client.InitializeAsync();
        var deck = "Q: What is BPTT?\\n\\nA: Backpropagation through time.\\n";

        await client.NotifyAsync("textDocument/didOpen", Open("file:///big.deck.md", deck + new string('x', 2 * Limit)));
        await client.NotifyAsync("textDocument/didOpen", Open("file:///small.deck.md", deck));
        var big = await client.RequestAsync(8, "textDocument/documentSymbol", """{"textDocument":{"uri":"file:///big.deck.md"}}""");
        var small = await client.RequestAsync(9, "textDocument/documentSymbol", """{"textDocument":{"uri":"file:///small.deck.md"}}""");

        Assert.Equal(0, big.GetProperty("result").GetArrayLength());
        Assert.Equal(1, small.GetProperty("result").GetArrayLength());
        var shown = Assert.Single(client.Notifications("window/showMessage")).GetProperty("message").GetString();
        Assert.Contains("`textDocument/didOpen`", shown);
        Assert.Contains("at most 65,536 bytes", shown);
        Assert.DoesNotContain(client.Responses(), r => r.GetProperty("id").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task A_two_gigabyte_request_is_answered_from_its_first_bytes_without_waiting_for_the_rest()
    {
        await using var client = RawLspClient.StartInProcess();
        await client.InitializeAsync();

        // Content-Length claims 2,000,000,000 bytes; one megabyte follows. Held whole, the body would never be answered.
        var start = Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"textDocument/hover\",\"params\":{\"text\":\"");
        await client.SendRawAsync([.. "Content-Length: 2000000000\r\n\r\n"u8, .. start, .. Enumerable.Repeat((byte)'a', 1 << 20)]);
        var refused = await client.ResponseAsync(10);

        Assert.Equal(ProtocolSeeds.InvalidRequest, refused.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("2,000,000,000 bytes", refused.GetProperty("error").GetProperty("message").GetString());
        Assert.False(client.ServerExit!.IsCompleted);
    }

    private static string Open(string uri, string text) =>
        "{\"textDocument\":{\"uri\":\"" + uri + "\",\"languageId\":\"markdown\",\"version\":1,\"text\":\"" + text + "\"}}";
}

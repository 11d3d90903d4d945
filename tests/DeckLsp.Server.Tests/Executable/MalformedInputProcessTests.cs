using System.Text.Json;
using DeckLsp.Server.Tests.Protocol;

namespace DeckLsp.Server.Tests.Executable;

/// <summary>Defects 5 and 6 on the real executable: no message of the seed corpus ends the process.</summary>
public sealed class MalformedInputProcessTests
{
    [Fact]
    public async Task Every_malformed_message_is_answered_and_the_process_exits_with_0_after_shutdown()
    {
        using var server = ServerProcess.Start();
        await using var client = RawLspClient.Over(server.StandardOutput, server.StandardInput);
        await client.InitializeAsync();

        long probe = 100;
        foreach (var seed in ProtocolSeeds.All)
        {
            await client.SendRawAsync(seed.Bytes);
            var answer = await client.RequestAsync(++probe, "textDocument/foldingRange", """{"textDocument":{"uri":"file:///none.deck.md"}}""");
            Assert.True(answer.TryGetProperty("result", out _), $"after {seed.Name}: {answer.GetRawText()}");
        }

        var shutdown = await client.RequestAsync(++probe, "shutdown", "null");
        await client.SendAsync("""{"jsonrpc":"2.0","method":"exit"}""");

        Assert.Equal(JsonValueKind.Null, shutdown.GetProperty("result").ValueKind);
        Assert.Equal(0, await server.WaitForExitAsync());
        Assert.Equal(ProtocolSeeds.All.Count(s => s.Answered), client.Responses().Count(r => r.ValueKind == JsonValueKind.Array || r.TryGetProperty("error", out _)));
    }

    [Fact]
    public async Task Max_message_mb_sets_the_largest_message_the_process_reads()
    {
        using var server = ServerProcess.Start((string?)null, "--max-message-mb", "1");
        await using var client = RawLspClient.Over(server.StandardOutput, server.StandardInput);
        await client.InitializeAsync();
        const string uri = "{\"textDocument\":{\"uri\":\"file:///none.deck.md\"},\"pad\":\"";

        var under = await client.RequestAsync(1, "textDocument/foldingRange", uri + new string('x', 1_000_000) + "\"}");
        var over = await client.RequestAsync(2, "textDocument/foldingRange", uri + new string('x', 1_100_000) + "\"}");

        Assert.Equal(JsonValueKind.Array, under.GetProperty("result").ValueKind);
        Assert.Equal(ProtocolSeeds.InvalidRequest, over.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("at most 1,048,576 bytes", over.GetProperty("error").GetProperty("message").GetString());
    }
}

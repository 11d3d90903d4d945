namespace DeckLsp.Server.Tests.Protocol;

/// <summary>Defect 13 over the wire: <c>$/cancelRequest</c> for a request still running answers it -32800 RequestCancelled.</summary>
public sealed class CancellationProtocolTests
{
    [Fact]
    public async Task A_cancelled_request_is_answered_RequestCancelled_with_its_id()
    {
        await using var client = RawLspClient.StartInProcess();
        // Without `initialized` the workspace is never indexed, so a workspace search waits until it is cancelled.
        await client.InitializeAsync(initialized: false);

        await client.SendAsync("""{"jsonrpc":"2.0","id":5,"method":"workspace/symbol","params":{"query":"q"}}""");
        await client.NotifyAsync("$/cancelRequest", """{"id":5}""");
        var answer = await client.ResponseAsync(5);

        Assert.Equal(-32800, answer.GetProperty("error").GetProperty("code").GetInt32());
    }
}

using DeckLsp.Server.Hosting;
using System.Text.Json;
using DeckLsp.Server.Handlers;
using Microsoft.Extensions.DependencyInjection;
using StreamJsonRpc;

namespace DeckLsp.Server.Tests.Protocol;

/// <summary>Defect 11 in the server: what the editor may show says what was wrong, without .NET's type names.</summary>
public sealed class ErrorMessageTests
{
    public static TheoryData<string, string, string> BadParams => new()
    {
        { "a position that is a string", "textDocument/hover", """{"textDocument":{"uri":"file:///a.deck.md"},"position":"start"}""" },
        { "a uri that is a number", "textDocument/documentSymbol", """{"textDocument":{"uri":5}}""" },
        { "params that are null", "textDocument/hover", "null" },
        { "params that are an array", "textDocument/hover", "[1, 2]" },
    };

    [Theory]
    [MemberData(nameof(BadParams))]
    public async Task Params_that_do_not_fit_are_answered_in_words(string what, string method, string parameters)
    {
        await using var client = RawLspClient.StartInProcess();
        await client.InitializeAsync();

        var answer = await client.RequestAsync(3, method, parameters);

        var error = answer.GetProperty("error");
        Assert.True(error.GetProperty("code").GetInt32() == -32602, what);
        var message = error.GetProperty("message").GetString()!;
        AssertNoInternals(message);
        Assert.Contains(method, message);
        Assert.False(error.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null, $"{what}: {data}");
    }

    [Fact]
    public async Task A_bad_initialization_option_is_shown_by_its_name()
    {
        await using var client = RawLspClient.StartInProcess();
        await client.RequestAsync(1, "initialize", """{"capabilities":{},"initializationOptions":{"newCardsPerDay":"many"}}""");
        await client.NotifyAsync("initialized", "{}");

        await client.RequestAsync(2, "deck/orphans", "{}");
        var shown = await LspTestClient.WaitForAsync(() => client.Notifications("window/showMessage").Select(m => m.GetProperty("message").GetString()).FirstOrDefault(), "a message");

        Assert.Contains("`newCardsPerDay`", shown);
        Assert.Contains("using the defaults", shown);
        AssertNoInternals(shown);
    }

    [Fact]
    [Trait("Server", Executable.ServerUnderTest.InProcessOnly)]
    public async Task A_failing_handler_is_answered_without_type_names()
    {
        await using var client = RawLspClient.StartInProcess(configureServices: services => services.AddLspHandler<CastingHandler, TestHandlerShapes>());
        await client.InitializeAsync();

        var answer = await client.RequestAsync(4, CastingHandler.Method);

        var message = answer.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Equal(-32603, answer.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains($"{CastingHandler.Method} failed", message);
        Assert.Contains("log", message);
        AssertNoInternals(message);
    }

    private static void AssertNoInternals(string message)
    {
        Assert.DoesNotMatch(@"\b(System|DeckLsp|StreamJsonRpc)\.[A-Z]", message);
        Assert.DoesNotContain("{no object}", message);
        Assert.DoesNotContain("Exception", message);
        Assert.DoesNotContain("   at ", message);
    }

    /// <summary>Fails the way a bug does: with .NET's own message, type names and all.</summary>
    internal sealed class CastingHandler : ILspHandler
    {
        public const string Method = "test/cast";

        [JsonRpcMethod(Method, UseSingleObjectParameterDeserialization = true)]
        public object Cast(JsonElement parameters) => (DeckLsp.Core.Model.Card)(object)parameters.ToString();
    }
}

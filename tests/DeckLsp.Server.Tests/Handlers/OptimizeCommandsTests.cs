using System.Text.Json;
using DeckLsp.Core.History;
using DeckLsp.Server.History;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;
using DeckLsp.Server.Tests.History;
using DeckLsp.Server.Tests.Protocol;
using DeckLsp.Server.Tests.Reviews;

namespace DeckLsp.Server.Tests.Handlers;

/// <summary>decklsp.optimize and decklsp.applyParameters over the protocol, on a database holding the simulated log.</summary>
public sealed class OptimizeCommandsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string SeededDatabase()
    {
        var path = Path.Combine(_folder.Path, "reviews.db");
        using var source = new DatabaseHistory(path, HistoryProbe.Replay, ReviewSettings.Default.Fingerprint(), "fixture");
        source.Load();
        source.Append(FixtureRatings.Simulated("fixture"));
        return path;
    }

    private static Task<JsonElement> Execute(LspTestClient client, string command, params object[] arguments) =>
        client.RequestAsync<JsonElement>(Methods.ExecuteCommand, new { command, arguments });

    [Fact]
    public async Task Optimize_reports_progress_and_apply_reschedules_the_history()
    {
        var database = SeededDatabase();
        var capabilities = new ClientCapabilities { Window = new WindowClientCapabilities { WorkDoneProgress = true } };
        await using var client = LspTestClient.Start(new ServerOptions { DatabasePath = database, DiagnosticsDelay = TimeSpan.FromMilliseconds(50) });
        var initialized = await client.InitializeAsync(capabilities: capabilities);
        await client.NotifyAsync(Methods.Initialized, new { });
        var deck = _folder.Write("words.deck.md", "Q: one\nA: 1\n");
        var uri = new Uri(deck).AbsoluteUri;
        await client.OpenAsync(uri, "Q: one\nA: 1\n");

        var fit = await Execute(client, Methods.OptimizeCommand, uri);

        Assert.Contains(Methods.OptimizeCommand, initialized.Capabilities.ExecuteCommandProvider!.Commands);
        Assert.Equal("fitted", fit.GetProperty("outcome").GetString());
        Assert.True(fit.GetProperty("better").GetBoolean());
        Assert.True(fit.GetProperty("fitted").GetProperty("logLoss").GetDouble() < fit.GetProperty("current").GetProperty("logLoss").GetDouble());
        var kinds = client.Received(Methods.Progress).Select(p => p.GetProperty("value").GetProperty("kind").GetString()).ToList();
        Assert.Equal("begin", kinds[0]);
        Assert.Equal("end", kinds[^1]);
        Assert.Contains("report", kinds);
        Assert.Empty(HistoryProbe.DatabaseEvents(database).OfType<ParametersEvent>());

        var parameters = fit.GetProperty("parameters");
        var applied = await Execute(client, Methods.ApplyParametersCommand, uri, parameters);

        Assert.Equal(300, applied.GetProperty("cards").GetInt32());
        var recorded = Assert.Single(HistoryProbe.DatabaseEvents(database).OfType<ParametersEvent>());
        Assert.Equal(parameters.EnumerateArray().Select(p => p.GetDouble()), recorded.Parameters);
        var again = await Execute(client, Methods.OptimizeCommand, uri);
        Assert.Equal(recorded.Parameters, again.GetProperty("current").GetProperty("parameters").EnumerateArray().Select(p => p.GetDouble()));
    }

    [Fact]
    public async Task Bad_commands_and_arguments_are_invalid_params()
    {
        await using var client = await LspTestClient.StartInitializedAsync();
        var deck = _folder.Write("a.deck.md", "Q: one\nA: 1\n");
        var uri = new Uri(deck).AbsoluteUri;

        Assert.Equal(LspErrorCodes.InvalidParams, await LspTestClient.ErrorCodeOf(() => Execute(client, "decklsp.nothing", uri)));
        Assert.Equal(LspErrorCodes.InvalidParams, await LspTestClient.ErrorCodeOf(() => Execute(client, Methods.OptimizeCommand)));
        Assert.Equal(LspErrorCodes.InvalidParams, await LspTestClient.ErrorCodeOf(() => Execute(client, Methods.ApplyParametersCommand, uri, new[] { 1.0, 2.0 })));
    }
}

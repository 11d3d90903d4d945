using DeckLsp.Server.Storage;

namespace DeckLsp.Server.Tests.Storage;

/// <summary>Where the database goes when the caller names no path, and which given path wins.</summary>
public sealed class ReviewDatabasePathsTests
{
    [Theory]
    [InlineData("/data", "/home/ann", "/data/decklsp/reviews.db")]
    [InlineData(null, "/home/ann", "/home/ann/.local/share/decklsp/reviews.db")]
    [InlineData("", "/home/ann", "/home/ann/.local/share/decklsp/reviews.db")]
    [InlineData("relative/data", "/home/ann", "/home/ann/.local/share/decklsp/reviews.db")]
    public void Default_follows_xdg_data_home(string? xdgDataHome, string home, string expected)
    {
        var environment = new Dictionary<string, string?> { ["XDG_DATA_HOME"] = xdgDataHome, ["HOME"] = home };

        Assert.Equal(expected, ReviewDatabasePaths.Default(name => environment.GetValueOrDefault(name)));
    }

    [Theory]
    [InlineData("/cli.db", "/init.db", "/cli.db")]
    [InlineData(null, "/init.db", "/init.db")]
    [InlineData("  ", "~/notes/reviews.db", "/home/ann/notes/reviews.db")]
    [InlineData(null, null, "/data/decklsp/reviews.db")]
    public void Command_line_wins_over_initialization_options_over_the_default(string? commandLine, string? initialization, string expected)
    {
        var environment = new Dictionary<string, string?> { ["XDG_DATA_HOME"] = "/data", ["HOME"] = "/home/ann" };

        Assert.Equal(expected, ReviewDatabasePaths.Choose(commandLine, initialization, name => environment.GetValueOrDefault(name)));
    }
}

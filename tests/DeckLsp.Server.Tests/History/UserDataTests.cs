using DeckLsp.Server.History;

namespace DeckLsp.Server.Tests.History;

/// <summary>Where this user's history lives, and this machine's device name: made once, kept, overridable.</summary>
public sealed class UserDataTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("/xdg/data", "/home/u", "/xdg/data/decklsp/reviews.db")]
    [InlineData(null, "/home/u", "/home/u/.local/share/decklsp/reviews.db")]
    [InlineData("relative/ignored", "/home/u", "/home/u/.local/share/decklsp/reviews.db")]
    public void The_per_user_database_follows_xdg_data_home(string? xdgDataHome, string home, string expected)
    {
        var data = new UserData(name => name switch { "XDG_DATA_HOME" => xdgDataHome, "HOME" => home, _ => null });

        Assert.Equal(expected, data.Database);
    }

    [Fact]
    public void Each_repository_has_a_cache_of_its_own_named_after_its_folder()
    {
        var data = new UserData(name => name == "XDG_DATA_HOME" ? "/xdg" : null);

        var first = data.CacheOf("/work/my decks");
        var second = data.CacheOf("/other/my decks");

        Assert.Matches(@"^/xdg/decklsp/cache/my-decks-[0-9a-f]{12}\.db$", first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void A_tilde_path_is_under_home()
    {
        var data = new UserData(name => name == "HOME" ? "/home/u" : null);

        Assert.Equal("/home/u/notes/reviews.db", data.Expand("~/notes/reviews.db"));
    }

    [Fact]
    public void The_device_name_is_made_once_and_kept()
    {
        var data = new UserData(name => name == "XDG_DATA_HOME" ? _folder.Path : null);

        var first = DeviceName.Resolve(data);
        var second = DeviceName.Resolve(data);

        Assert.True(DeviceName.IsValid(first), first);
        Assert.Equal(first, second);
        Assert.Equal(first, File.ReadAllText(data.DeviceFile).Trim());
    }

    [Fact]
    public void The_variable_overrides_the_kept_name_and_must_be_a_safe_file_name()
    {
        var data = new UserData(name => name switch { "XDG_DATA_HOME" => _folder.Path, DeviceName.Variable => "machine-b", _ => null });
        Assert.Equal("machine-b", DeviceName.Resolve(data));

        var bad = new UserData(name => name switch { "XDG_DATA_HOME" => _folder.Path, DeviceName.Variable => "../escape", _ => null });
        var error = Assert.Throws<InvalidOperationException>(() => DeviceName.Resolve(bad));
        Assert.Contains("../escape", error.Message);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace DeckLsp.Server.History;

/// <summary>
/// This user's DeckLsp folder (<c>$XDG_DATA_HOME/decklsp</c>, else <c>~/.local/share/decklsp</c>): the per-user
/// history database, the caches of deck repositories' histories, and the device name.
/// </summary>
internal sealed class UserData(Func<string, string?> environment)
{
    /// <summary>The per-user database's file name.</summary>
    public const string DatabaseName = "reviews.db";

    public static UserData Current { get; } = new(System.Environment.GetEnvironmentVariable);

    public Func<string, string?> Environment { get; } = environment;

    public string Folder
    {
        get
        {
            // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
            var dataHome = Environment("XDG_DATA_HOME");
            if (string.IsNullOrEmpty(dataHome) || !Path.IsPathRooted(dataHome))
            {
                dataHome = Path.Combine(Home, ".local", "share");
            }

            return Path.Combine(dataHome, "decklsp");
        }
    }

    /// <summary>The per-user history: decks outside any deck repository, or every deck when the user chose so.</summary>
    public string Database => Path.Combine(Folder, DatabaseName);

    /// <summary>Where the derived states of one deck repository are cached: a name a person can recognise, and a hash that is unique.</summary>
    public string CacheOf(string repositoryRoot)
    {
        var full = Path.GetFullPath(repositoryRoot);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..12];
        var name = new string(Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar)).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').Take(40).ToArray());
        return Path.Combine(Folder, "cache", $"{(name.Length > 0 ? name : "root")}-{hash}.db");
    }

    /// <summary>The file holding this machine's device name once it is made.</summary>
    public string DeviceFile => Path.Combine(Folder, "device");

    private string Home
    {
        get
        {
            var home = Environment("HOME");
            return string.IsNullOrEmpty(home) ? System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile) : home;
        }
    }

    /// <summary>A path as the user wrote it: a leading <c>~/</c> is the home folder (editors pass settings unexpanded).</summary>
    public string Expand(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = Path.Combine(Home, path.Length > 2 ? path[2..] : "");
        }

        return Path.GetFullPath(path);
    }
}

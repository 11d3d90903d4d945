namespace DeckLsp.Server.Storage;

/// <summary>Where the review database lives: the caller's path, else under the XDG data folder.</summary>
internal static class ReviewDatabasePaths
{
    /// <summary>The file name under the data folder.</summary>
    public const string FileName = "reviews.db";

    /// <summary><c>$XDG_DATA_HOME/decklsp/reviews.db</c>, or <c>~/.local/share/decklsp/reviews.db</c> without it.</summary>
    public static string Default() => Default(Environment.GetEnvironmentVariable);

    /// <summary><see cref="Default()"/> reading the environment through <paramref name="environment"/>.</summary>
    public static string Default(Func<string, string?> environment)
    {
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        var dataHome = environment("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(dataHome) || !Path.IsPathRooted(dataHome))
        {
            var home = environment("HOME");
            if (string.IsNullOrEmpty(home))
            {
                home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            }

            dataHome = Path.Combine(home, ".local", "share");
        }

        return Path.Combine(dataHome, "decklsp", FileName);
    }

    /// <summary>
    /// The database to open: <c>--db</c> wins over <c>initializationOptions.databasePath</c>, which wins over
    /// <see cref="Default()"/>. A leading <c>~/</c> is the home folder, since editors pass settings unexpanded.
    /// </summary>
    public static string Choose(string? commandLine, string? initializationOption) =>
        Choose(commandLine, initializationOption, Environment.GetEnvironmentVariable);

    /// <summary><see cref="Choose(string?, string?)"/> reading the environment through <paramref name="environment"/>.</summary>
    public static string Choose(string? commandLine, string? initializationOption, Func<string, string?> environment)
    {
        var given = !string.IsNullOrWhiteSpace(commandLine) ? commandLine
            : !string.IsNullOrWhiteSpace(initializationOption) ? initializationOption
            : null;
        if (given is null)
        {
            return Default(environment);
        }

        if (given == "~" || given.StartsWith("~/", StringComparison.Ordinal))
        {
            var home = environment("HOME");
            if (string.IsNullOrEmpty(home))
            {
                home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            }

            given = Path.Combine(home, given.Length > 2 ? given[2..] : "");
        }

        return Path.GetFullPath(given);
    }
}

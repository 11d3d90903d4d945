namespace DeckLsp.Server.Workspace;

/// <summary>Between document URIs and file paths: only <c>file:</c> URIs have a path (and so a folder for links).</summary>
internal static class DeckUri
{
    public const string Extension = ".deck.md";

    public static string? ToPath(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? Path.GetFullPath(parsed.LocalPath) : null;

    public static string FromPath(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;

    /// <summary>The file name for the deck's default title: the path's, or the URI's last segment.</summary>
    public static string FileName(string uri)
    {
        if (ToPath(uri) is { } path)
        {
            return Path.GetFileName(path);
        }

        var slash = uri.LastIndexOf('/');
        return Uri.UnescapeDataString(slash >= 0 ? uri[(slash + 1)..] : uri);
    }

    public static bool IsDeckPath(string path) => path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);
}

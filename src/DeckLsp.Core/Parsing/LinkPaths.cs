namespace DeckLsp.Core.Parsing;

/// <summary>Tells a link to a file beside the deck from a web address, an anchor or an absolute path.</summary>
public static class LinkPaths
{
    public static bool TryRelativePath(string url, out string path)
    {
        path = "";
        var trimmed = url.Trim();
        if (trimmed.Length == 0 || trimmed[0] is '#' or '/' or '\\' || trimmed.StartsWith("//", StringComparison.Ordinal))
        {
            return false;
        }

        var colon = trimmed.IndexOf(':');
        var slash = trimmed.IndexOfAny(['/', '\\']);
        if (colon >= 0 && (slash < 0 || colon < slash))
        {
            // A scheme (https:, mailto:, data:, file:) or a drive letter: not a path relative to the deck.
            return false;
        }

        var cut = trimmed.IndexOfAny(['#', '?']);
        if (cut >= 0)
        {
            trimmed = trimmed[..cut];
        }

        if (trimmed.Length == 0)
        {
            return false;
        }

        try
        {
            path = Uri.UnescapeDataString(trimmed);
        }
        catch (UriFormatException)
        {
            path = trimmed;
        }

        return true;
    }
}

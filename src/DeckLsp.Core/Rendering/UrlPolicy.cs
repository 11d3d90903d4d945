using System.Text.RegularExpressions;

namespace DeckLsp.Core.Rendering;

/// <summary>
/// Which link and image destinations a rendered card may keep. An allow-list: web links, mail, in-page anchors and
/// raster data images; relative paths only as the caller resolves them; anything else (javascript:, vbscript:,
/// other data:, file:, network paths) is dropped.
/// </summary>
internal static partial class UrlPolicy
{
    public static string? ForLink(string url, Func<string, string?> resolveRelative)
    {
        var trimmed = url.Trim();
        if (trimmed.StartsWith('#'))
        {
            return trimmed;
        }

        return Classify(trimmed) switch
        {
            Kind.Web or Kind.Mail => trimmed,
            Kind.Relative => Resolved(resolveRelative(trimmed)),
            _ => null,
        };
    }

    public static string? ForImage(string url, Func<string, string?> resolveRelative)
    {
        var trimmed = url.Trim();
        return Classify(trimmed) switch
        {
            Kind.Web or Kind.ImageData => trimmed,
            Kind.Relative => Resolved(resolveRelative(trimmed)),
            _ => null,
        };
    }

    private enum Kind
    {
        Unsafe,
        Web,
        Mail,
        ImageData,
        Relative,
    }

    private static Kind Classify(string url)
    {
        if (url.Length == 0)
        {
            return Kind.Unsafe;
        }

        var compact = Compact(url);
        if (compact.StartsWith("//", StringComparison.Ordinal) || compact.StartsWith(@"\", StringComparison.Ordinal) ||
            compact.StartsWith(@"/\", StringComparison.Ordinal))
        {
            return Kind.Unsafe;
        }

        var scheme = Scheme().Match(compact);
        if (!scheme.Success)
        {
            return Kind.Relative;
        }

        return scheme.Groups[1].Value switch
        {
            "http" or "https" => Kind.Web,
            "mailto" => Kind.Mail,
            "data" when RasterData().IsMatch(compact) => Kind.ImageData,
            _ => Kind.Unsafe,
        };
    }

    // The caller's resolver returns a webview URI (whose scheme varies by host), trusted unless it would run script.
    private static string? Resolved(string? resolved)
    {
        if (resolved is null)
        {
            return null;
        }

        var compact = Compact(resolved);
        var scheme = Scheme().Match(compact);
        var scripted = scheme.Success && scheme.Groups[1].Value switch
        {
            "javascript" or "vbscript" => true,
            "data" => !RasterData().IsMatch(compact),
            _ => false,
        };
        return scripted ? null : resolved;
    }

    // Browsers ignore tabs, line breaks and leading controls in a URL, so "java\tscript:" is javascript:.
    private static string Compact(string url) => new string(url.Where(c => c > ' ' && c != '\u007f').ToArray()).ToLowerInvariant();

    [GeneratedRegex("^([a-z][a-z0-9+.-]*):")]
    private static partial Regex Scheme();

    [GeneratedRegex("^data:image/(png|jpeg|gif|webp)[;,]")]
    private static partial Regex RasterData();
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DeckLsp.Server.Hosting;

namespace DeckLsp.Server.Cli;

/// <summary>
/// The command line's <c>--json</c> output: the source-generated types, written with non-ASCII characters as they are
/// (<c>café</c>, not <c>caf\u00e9</c>). The relaxed encoder is for a terminal or a script, never for HTML.
/// </summary>
internal static class CliJson
{
    private static readonly JsonSerializerOptions Options = new(DeckJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = DeckJsonContext.Default,
    };

    /// <summary>The same type's metadata, bound to the relaxed options.</summary>
    public static JsonTypeInfo<T> Type<T>(JsonTypeInfo<T> type) => (JsonTypeInfo<T>)Options.GetTypeInfo(type.Type);
}

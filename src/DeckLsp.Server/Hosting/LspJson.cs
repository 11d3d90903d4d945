using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using StreamJsonRpc;

namespace DeckLsp.Server.Hosting;

/// <summary>The JSON settings of the wire: camelCase, with each DTO naming its members itself.</summary>
internal static class LspJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.PropertyNameCaseInsensitive = false;
    }

    /// <summary>The server's settings, resolving types only through <see cref="DeckJsonContext"/> (never by reflection).</summary>
    public static JsonSerializerOptions Options => DeckJsonContext.Default.Options;

    /// <summary>
    /// The server's formatter, set up as StreamJsonRpc's NativeAOT guide says: every user type comes from the
    /// source-generated context, so a type missing from it is an error in every build, not only in the native one.
    /// </summary>
    // StreamJsonRpc marks the whole formatter as needing reflection because it also serves exotic types (marshaled
    // objects, streams, IProgress, exceptions by ISerializable) that we never send; for plain DTOs it serializes
    // through the TypeInfoResolver alone. The native executable's tests cover every method the server serves.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "User data is resolved by the source-generated DeckJsonContext only.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "User data is resolved by the source-generated DeckJsonContext only.")]
    public static SystemTextJsonFormatter CreateFormatter()
    {
        var formatter = new SystemTextJsonFormatter();
        Configure(formatter.JsonSerializerOptions);
        formatter.JsonSerializerOptions.TypeInfoResolver = DeckJsonContext.Default;
        return formatter;
    }
}

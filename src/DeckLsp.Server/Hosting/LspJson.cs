using System.Text.Json;

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
}

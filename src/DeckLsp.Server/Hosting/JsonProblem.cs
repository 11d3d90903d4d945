using System.Text.Json;
using System.Text.RegularExpressions;

namespace DeckLsp.Server.Hosting;

/// <summary>
/// What System.Text.Json could not read, in words a user can act on: the member by its name, never the .NET type it was
/// to become (its messages name those: "could not be converted to DeckLsp.Server.Protocol.Position").
/// </summary>
internal static partial class JsonProblem
{
    /// <summary>"`position` has the wrong type (docs/protocol.md lists each member)"; <paramref name="whole"/> names the root.</summary>
    public static string Describe(JsonException e, string whole)
    {
        if (MissingMembers().Match(e.Message) is { Success: true } missing)
        {
            return $"{Members(missing.Groups["names"].Value)} {(missing.Groups["names"].Value.Contains(',') ? "are" : "is")} missing (docs/protocol.md lists each member)";
        }

        var where = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? $"`{path[2..]}`" : whole;
        return $"{where} {(where == whole ? "have" : "has")} the wrong type (docs/protocol.md lists each member)";
    }

    private static string Members(string names) =>
        string.Join(", ", names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => $"`{n.Trim('\'')}`"));

    [GeneratedRegex(@"missing required properties including: (?<names>.+?)\.?$")]
    private static partial Regex MissingMembers();
}

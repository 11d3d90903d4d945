using System.Text;
using System.Text.Json;
using DeckLsp.Server.Transport;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DeckLsp.Server.Tests.Transport;

/// <summary>
/// The skimmer reads an oversized message in whatever pieces it arrives in: for any message and any cut into pieces, it
/// finds the id and the method that a full JSON parse finds.
/// </summary>
public sealed class MessageSkimmerProperties
{
    // Strings with the characters that could fool a scanner: quotes, backslashes, braces, colons and commas.
    private static readonly Gen<string> Texts = Gen.Elements("", "a", "id", "method", "\"", "\\", "}", "{", "]", "[", ":", ",", "é", "\\\"}", " \"id\": 5, ", "\u0001", "\n")
        .ArrayOf().Select(parts => string.Concat(parts.Take(6)));

    private static Gen<string> Values(int depth) => depth <= 0
        ? Gen.OneOf(Texts.Select(Quote), Gen.Elements("0", "-12", "3.5e2", "true", "false", "null"))
        : Gen.OneOf(
            Values(0),
            Values(depth - 1).ArrayOf().Select(items => "[" + string.Join(",", items.Take(4)) + "]"),
            (from key in Texts from value in Values(depth - 1) select (key, value)).ArrayOf()
                .Select(members => "{" + string.Join(", ", members.Take(4).Select(m => $"{Quote(m.key)} : {m.value}")) + "}"));

    public sealed record Message(string Json, int[] Cuts)
    {
        public override string ToString() => $"{Json}\ncut at {string.Join(", ", Cuts)}";
    }

    public static Arbitrary<Message> Messages() =>
        (from id in Gen.OneOf(Gen.Constant<string?>(null), Gen.Choose(-5, 1_000_000).Select(n => (string?)n.ToString()), Texts.Select(t => (string?)Quote(t)),
             Gen.Elements<string?>("1.5", "{\"id\":1}", "[2]", "true", "null"))
         from method in Gen.OneOf(Gen.Constant<string?>(null), Texts.Select(t => (string?)Quote(t)), Gen.Constant<string?>("7"))
         from parameters in Gen.OneOf(Gen.Constant<string?>(null), Values(3).Select(v => (string?)v))
         from order in Gen.Shuffle(new[] { "jsonrpc", "id", "method", "params" })
         from cuts in Gen.Choose(1, 40).ArrayOf()
         let members = order.Select(name => name switch
         {
             "jsonrpc" => "\"jsonrpc\":\"2.0\"",
             "id" => id is null ? null : $"\"id\" :{id}",
             "method" => method is null ? null : $"\"method\": {method}",
             _ => parameters is null ? null : $"\"params\":{parameters}",
         }).OfType<string>()
         select new Message("{ " + string.Join(" ,\n", members) + " }", cuts)).ToArbitrary();

    [Property(MaxTest = 500, Arbitrary = [typeof(MessageSkimmerProperties)])]
    public Property Finds_what_a_full_parse_finds_however_the_message_is_cut(Message message)
    {
        var bytes = Encoding.UTF8.GetBytes(message.Json);
        var skim = new MessageSkimmer();
        var at = 0;
        foreach (var cut in message.Cuts.Append(int.MaxValue))
        {
            var length = Math.Min(cut, bytes.Length - at);
            skim.Feed(bytes.AsSpan(at, length));
            at += length;
        }

        var root = JsonDocument.Parse(bytes).RootElement;
        var hasId = root.TryGetProperty("id", out var id);
        WireId? expectedId = !hasId ? null
            : id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var number) ? WireId.Of(number)
            : id.ValueKind == JsonValueKind.String ? WireId.Of(id.GetString()!)
            : null;
        var hasMethod = root.TryGetProperty("method", out var method);
        var expectedMethod = hasMethod && method.ValueKind == JsonValueKind.String ? method.GetString() : null;

        return (skim.IsObject && skim.HasId == hasId && skim.Id == expectedId && skim.HasMethod == hasMethod && skim.Method == expectedMethod)
            .Label($"skimmed id {skim.Id} ({skim.HasId}), method {skim.Method} ({skim.HasMethod}); parsed id {expectedId} ({hasId}), method {expectedMethod}");
    }

    [Theory]
    [InlineData("42")]
    [InlineData("[{\"id\":1,\"method\":\"x\"}]")]
    [InlineData("  \"text\"")]
    public void A_message_that_is_not_an_object_has_no_id(string json)
    {
        var skim = new MessageSkimmer();

        skim.Feed(Encoding.UTF8.GetBytes(json));

        Assert.False(skim.IsObject);
        Assert.False(skim.IsRequest);
    }

    // JSON's own escapes, \" and \\ and \u00XX, which a scanner must step over.
    private static string Quote(string text) =>
        "\"" + string.Concat(text.Select(c => c switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            < ' ' => $"\\u{(int)c:x4}",
            _ => c.ToString(),
        })) + "\"";
}

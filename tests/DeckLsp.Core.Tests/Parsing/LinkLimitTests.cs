using DeckLsp.Core.Documents;

namespace DeckLsp.Core.Tests.Parsing;

/// <summary>
/// The limits CommonMark allows on links, which keep every input linear (Parsing/BoundedLinks): parentheses nest 32
/// deep in a destination, a parenthesised title holds no unescaped "(", and 32 link openers stand open at once.
/// </summary>
public class LinkLimitTests
{
    public static TheoryData<string, string, string[]> Cases => new()
    {
        { "parentheses nested 32 deep", $"[a]({Nested(32)})", [$"{Nested(32)}"] },
        { "parentheses nested 33 deep are not a link", $"[a]({Nested(33)})", [] },
        { "a parenthesised title", "[a](x.md (title))", ["x.md"] },
        { "a parenthesised title holding a parenthesis", "[a](x.md (ti(tle))", [] },
        { "an escaped parenthesis in a title", "[a](x.md (ti\\(tle))", ["x.md"] },
        { "a link inside 31 open brackets", new string('[', 31) + "[a](x.md)", ["x.md"] },
        { "a link after 30,000 open brackets", new string('[', 30_000) + "[a](x.md)", ["x.md"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Link_targets_found(string name, string markdown, string[] targets)
    {
        var document = DeckDocument.Parse($"Q: q\nA: {markdown}\n");

        Assert.Equal(targets, document.Deck.Links.Select(l => l.Path));
        Assert.NotNull(name);
    }

    private static string Nested(int depth) => "x" + new string('(', depth) + "y" + new string(')', depth);
}

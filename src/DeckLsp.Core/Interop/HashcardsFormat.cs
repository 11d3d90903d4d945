using System.Text.RegularExpressions;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Model;

namespace DeckLsp.Core.Interop;

/// <summary>
/// hashcards decks: the same <c>Q:</c>/<c>A:</c> and <c>C:</c> cards as ours, with a cloze deletion in square brackets
/// (<c>[Paris]</c>), a TOML front matter (<c>name = "…"</c>) and images under the collection's root (<c>@/img/x.png</c>).
/// </summary>
public static partial class HashcardsFormat
{
    /// <summary>
    /// The deck; <paramref name="rootLink"/> turns a path under the collection's root (after <c>@/</c>) into the link
    /// target the written deck uses.
    /// </summary>
    public static ImportResult Import(string text, string title, Func<string, string> rootLink)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(rootLink);
        var (body, frontMatter) = NeighbourText.FrontMatter(text, "---", "+++");
        var notes = new List<string>();
        var name = title;
        if (frontMatter is not null)
        {
            var left = new List<string>();
            foreach (var line in frontMatter.Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')))
            {
                var match = TomlString().Match(line);
                if (match.Success && match.Groups["key"].Value == "name")
                {
                    name = match.Groups["value"].Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
                }
                else
                {
                    left.Add(line.Split('=')[0].Trim());
                }
            }

            if (left.Count > 0)
            {
                notes.Add($"Front matter keys other than `name` were left out: {string.Join(", ", left.Select(k => $"`{k}`"))}.");
            }
        }

        var images = 0;
        body = RootImage().Replace(body, match =>
        {
            images++;
            return match.Groups["open"].Value + AnkiHtml.Destination(rootLink(match.Groups["path"].Value)) + ")";
        });
        if (images > 0)
        {
            notes.Add($"{NeighbourText.Plural(images, "image")} under the collection's root (`@/…`) {(images == 1 ? "is" : "are")} linked from the deck's folder: move the deck and its images together.");
        }

        var document = DeckDocument.Parse(body);
        var cards = NeighbourText.Cards(document, (card, question) => card.Kind == CardKind.Cloze ? Deletions(question) : question);
        if (cards.Count == 0)
        {
            return ImportResult.Failed("it holds no card (`Q:`/`A:` or `C:` with a `[deletion]`)");
        }

        return ImportResult.Read(new ImportedDeck(name, cards) { Notes = notes });
    }

    /// <summary>Whether the text reads as a hashcards deck: a TOML front matter, or a cloze card with only bracket deletions.</summary>
    public static bool Recognizes(string text) =>
        TomlFrontMatter().IsMatch(text) || BracketCloze().IsMatch(text);

    // [x] (not a link's text or an image's alt) is a deletion; braces already there are text.
    private static string Deletions(string cloze) =>
        Bracket().Replace(cloze.Replace("{{", "\\{\\{", StringComparison.Ordinal).Replace("}}", "\\}\\}", StringComparison.Ordinal), "{{${text}}}");

    [GeneratedRegex(@"^\s*(?<key>[A-Za-z0-9_-]+)\s*=\s*""(?<value>(?:[^""\\]|\\.)*)""\s*$")]
    private static partial Regex TomlString();

    [GeneratedRegex(@"(?<open>!?\[[^\]]*\]\()@/(?<path>[^)\s]+)\)")]
    private static partial Regex RootImage();

    [GeneratedRegex(@"(?<![!\\\]])\[(?<text>[^\[\]\n]+)\](?![(\[:])")]
    private static partial Regex Bracket();

    [GeneratedRegex(@"\A\uFEFF?(?:---|\+\+\+)\r?\n(?:[ \t]*(?:#.*)?\r?\n)*[ \t]*[A-Za-z0-9_-]+[ \t]*=[ \t]*\S")]
    private static partial Regex TomlFrontMatter();

    [GeneratedRegex(@"(?m)^C:[^\n{]*(?<![!\\\]])\[[^\[\]\n]+\](?![(\[:])[^\n{]*$")]
    private static partial Regex BracketCloze();
}

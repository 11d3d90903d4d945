using System.Text.RegularExpressions;

namespace DeckLsp.Core.Interop;

/// <summary>
/// Which of a note's fields its first card template shows: the fields the front shows make the question, those the
/// back adds make the answer. Without a note type (or a template that names no field), the first field is the question
/// and the second the answer.
/// </summary>
internal static partial class AnkiTemplates
{
    public static (IReadOnlyList<int> Question, IReadOnlyList<int> Answer) Sides(AnkiNotetype? type, int fieldCount)
    {
        var fallback = ((IReadOnlyList<int>)[0], fieldCount > 1 ? (IReadOnlyList<int>)[1] : []);
        if (type is null || type.Templates.Count == 0)
        {
            return fallback;
        }

        var template = type.Templates[0];
        var front = Shown(template.Front, type.Fields, fieldCount);
        if (front.Count == 0)
        {
            return fallback;
        }

        var back = Shown(template.Back, type.Fields, fieldCount).Where(f => !front.Contains(f)).ToList();
        if (back.Count == 0 && Enumerable.Range(0, fieldCount).FirstOrDefault(f => !front.Contains(f), -1) is var other and >= 0)
        {
            back.Add(other);
        }

        return (front, back);
    }

    // {{Name}} and filtered {{text:Name}}, {{hint:Name}}… show a field; {{#Name}}, {{^Name}}, {{/Name}} only test one,
    // and {{FrontSide}}, {{Tags}}, {{Deck}}… are not fields.
    private static List<int> Shown(string template, IReadOnlyList<string> names, int fieldCount)
    {
        var shown = new List<int>();
        foreach (Match reference in Reference().Matches(template))
        {
            if (reference.Groups["section"].Success)
            {
                continue;
            }

            var name = reference.Groups["name"].Value;
            name = name[(name.LastIndexOf(':') + 1)..].Trim();
            var index = IndexOf(names, name);
            if (index >= 0 && index < fieldCount && !shown.Contains(index))
            {
                shown.Add(index);
            }
        }

        return shown;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"\{\{\s*(?<section>[#^/])?\s*(?<name>[^{}]+?)\s*\}\}")]
    private static partial Regex Reference();
}

using System.Globalization;
using System.Text;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax.Inlines;

namespace DeckLsp.Core.Rendering;

/// <summary>
/// Cloze deletions through Markdown: the source gets private-use sentinel characters where a deletion is hidden or
/// revealed, Markdown parses around them, and the literals holding them are split into <see cref="ClozeInline"/>s.
/// Done this way, a deletion's own Markdown (<c>{{**bold**}}</c>) still renders, and a hint written as <c>[hint]</c>
/// can never become link syntax.
/// </summary>
internal static class ClozeMarks
{
    public const char Open = '\uE000';
    public const char Close = '\uE001';
    public const char Blank = '\uE002';
    public const char BlankEnd = '\uE003';

    public static bool IsSentinel(char c) => c is >= Open and <= BlankEnd;

    public static string WithoutSentinels(string text) =>
        text.Any(IsSentinel) ? new string(text.Where(c => !IsSentinel(c)).ToArray()) : text;

    /// <summary>A hidden deletion: the sentinel, the number of its hint in the caller's list, the end sentinel.</summary>
    public static void AppendBlank(StringBuilder source, int hintNumber) =>
        source.Append(Blank).Append(hintNumber.ToString(CultureInfo.InvariantCulture)).Append(BlankEnd);

    /// <summary>Splits a literal holding sentinels into plain literals and cloze marks; returns false when it holds none.</summary>
    public static bool Split(LiteralInline literal, IReadOnlyList<string?> hints)
    {
        var text = literal.Content.ToString();
        if (!text.Any(IsSentinel))
        {
            return false;
        }

        var parts = new List<Inline>();
        var plain = new StringBuilder();
        void FlushPlain()
        {
            if (plain.Length > 0)
            {
                parts.Add(new LiteralInline(plain.ToString()));
                plain.Clear();
            }
        }

        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case Open:
                    FlushPlain();
                    parts.Add(new ClozeInline(ClozeInline.Part.Open, null));
                    break;
                case Close:
                    FlushPlain();
                    parts.Add(new ClozeInline(ClozeInline.Part.Close, null));
                    break;
                case Blank:
                    FlushPlain();
                    var end = text.IndexOf(BlankEnd, i);
                    var number = end < 0 ? -1 : int.TryParse(text.AsSpan(i + 1, end - i - 1), CultureInfo.InvariantCulture, out var n) ? n : -1;
                    parts.Add(new ClozeInline(ClozeInline.Part.Blank, number >= 0 && number < hints.Count ? hints[number] : null));
                    i = end < 0 ? i : end;
                    break;
                case BlankEnd:
                    break;
                default:
                    plain.Append(text[i]);
                    break;
            }
        }

        FlushPlain();
        foreach (var part in parts)
        {
            literal.InsertBefore(part);
        }

        literal.Remove();
        return true;
    }
}

/// <summary>Where a cloze deletion opens or closes on the back, or stands hidden on the front.</summary>
internal sealed class ClozeInline(ClozeInline.Part part, string? hint) : LeafInline
{
    public enum Part
    {
        Open,
        Close,
        Blank,
    }

    public Part Kind { get; } = part;

    public string? Hint { get; } = hint;
}

/// <summary>Writes cloze marks; inside an image's alt text (no HTML there), only a blank's placeholder text.</summary>
internal sealed class ClozeInlineRenderer : HtmlObjectRenderer<ClozeInline>
{
    protected override void Write(HtmlRenderer renderer, ClozeInline obj)
    {
        var placeholder = obj.Hint is { Length: > 0 } hint ? $"[{hint}]" : "[...]";
        switch (obj.Kind)
        {
            case ClozeInline.Part.Open when renderer.EnableHtmlForInline:
                renderer.Write("<mark class=\"cloze\">");
                break;
            case ClozeInline.Part.Close when renderer.EnableHtmlForInline:
                renderer.Write("</mark>");
                break;
            case ClozeInline.Part.Blank when renderer.EnableHtmlForInline:
                renderer.Write("<span class=\"cloze-blank\">").WriteEscape(placeholder).Write("</span>");
                break;
            case ClozeInline.Part.Blank:
                renderer.WriteEscape(placeholder);
                break;
        }
    }
}

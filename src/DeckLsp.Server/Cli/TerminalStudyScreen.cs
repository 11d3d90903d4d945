using DeckLsp.Core.Rendering;
using DeckLsp.Core.Reviews;
using Spectre.Console;

namespace DeckLsp.Server.Cli;

/// <summary>
/// `decklsp study` in a terminal (Spectre.Console): the card in a panel, one key per choice (Space or Enter: answer,
/// 1–5: rate, u: undo, q: quit), the interval each rating gives beside its key, the progress above. Card text is set as
/// styled text runs, never parsed as markup, so a card's own brackets show as written.
/// </summary>
internal sealed class TerminalStudyScreen(IAnsiConsole console) : IStudyScreen
{
    private string? _message;
    private StudySummary? _summary;

    /// <summary>
    /// Runs a session on the terminal's alternate screen, as full-screen programs do, so the cards leave the shell's
    /// scrollback as it was; the summary, and any message written to <paramref name="error"/> meanwhile, are printed
    /// on the shell's own screen once the session's is gone. A terminal without an alternate screen keeps it all.
    /// </summary>
    public static int OnItsOwnScreen(IAnsiConsole console, TextWriter error, Func<TerminalStudyScreen, TextWriter, int> session)
    {
        var screen = new TerminalStudyScreen(console);
        if (!console.Profile.Capabilities.Ansi || !console.Profile.Capabilities.AlternateBuffer)
        {
            var code = session(screen, error);
            screen.WriteSummary();
            return code;
        }

        var held = new StringWriter();
        var result = 0;
        try
        {
            console.AlternateScreen(() => result = session(screen, held));
        }
        finally
        {
            screen.WriteSummary();
            error.Write(held.ToString());
        }

        return result;
    }

    public StudyChoice Question(StudyView view)
    {
        Show(view, answer: false);
        while (true)
        {
            switch (ReadKey())
            {
                case { Key: ConsoleKey.Spacebar or ConsoleKey.Enter }:
                    return new StudyChoice(StudyAction.Answer);
                case { KeyChar: 'u' or 'U' }:
                    return new StudyChoice(StudyAction.Undo);
                case null or { KeyChar: 'q' or 'Q' } or { Key: ConsoleKey.Escape }:
                    return new StudyChoice(StudyAction.Quit);
            }
        }
    }

    public StudyChoice Answer(StudyView view)
    {
        Show(view, answer: true);
        while (true)
        {
            switch (ReadKey())
            {
                case { KeyChar: >= '1' and <= '5' and var digit }:
                    return new StudyChoice(StudyAction.Rate, digit - '0');
                case { KeyChar: 'u' or 'U' }:
                    return new StudyChoice(StudyAction.Undo);
                case null or { KeyChar: 'q' or 'Q' } or { Key: ConsoleKey.Escape }:
                    return new StudyChoice(StudyAction.Quit);
            }
        }
    }

    public void Tell(string message) => _message = message;

    public void End(StudySummary summary) => _summary = summary;

    private void WriteSummary()
    {
        if (_summary is { } summary)
        {
            console.Write(new Rule(summary.Cram ? "Cram session over" : "Session over").LeftJustified());
            console.Write(new Paragraph(summary.Text + "\n"));
        }
    }

    private ConsoleKeyInfo? ReadKey() => console.Input.ReadKey(intercept: true);

    private void Show(StudyView view, bool answer)
    {
        console.Clear();
        var mode = view.Cram ? "cram · " : "";
        console.Write(new Rule(Markup.Escape($"{mode}{view.Done} done · {view.Remaining} left · {view.Where}")).LeftJustified());
        console.Write(new Panel(Styled(view.Card.Front)).Header("Question").Expand());
        if (answer)
        {
            console.Write(new Panel(Styled(view.Card.Back)).Header("Answer").Expand());
            var keys = new Paragraph();
            for (var rating = RatingScale.Lowest; rating <= RatingScale.Highest; rating++)
            {
                keys.Append($" {rating} ", new Style(decoration: Decoration.Bold | Decoration.Invert));
                var words = RatingScale.Label(rating)[1..].Trim();
                keys.Append($" {(words.Length > 0 ? words + " " : "")}{view.Intervals[rating - 1]}   ");
            }

            console.Write(keys);
            console.WriteLine();
            console.Write(new Paragraph("u undo · q quit", new Style(decoration: Decoration.Dim)));
        }
        else
        {
            console.Write(new Paragraph("Space/Enter show answer · u undo · q quit", new Style(decoration: Decoration.Dim)));
        }

        console.WriteLine();
        if (_message is { } message)
        {
            console.Write(new Paragraph(message, new Style(Color.Yellow)));
            console.WriteLine();
            _message = null;
        }
    }

    // Each run in its own style; the text itself is never markup.
    private static Paragraph Styled(IReadOnlyList<TextLine> lines)
    {
        var paragraph = new Paragraph();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                paragraph.Append("\n");
            }

            foreach (var run in lines[i].Runs)
            {
                paragraph.Append(run.Text, StyleOf(run.Style));
            }
        }

        return paragraph;
    }

    private static Style StyleOf(TextStyle style)
    {
        var decoration = Decoration.None;
        Color? color = null;
        if (style.HasFlag(TextStyle.Strong))
        {
            decoration |= Decoration.Bold;
        }

        if (style.HasFlag(TextStyle.Emphasis))
        {
            decoration |= Decoration.Italic;
        }

        if (style.HasFlag(TextStyle.Code))
        {
            color = Color.Aqua;
        }

        if (style.HasFlag(TextStyle.Math))
        {
            color = Color.Yellow;
        }

        if (style.HasFlag(TextStyle.Cloze))
        {
            (decoration, color) = (decoration | Decoration.Bold | Decoration.Underline, Color.Blue);
        }

        if (style.HasFlag(TextStyle.Link))
        {
            decoration |= Decoration.Underline;
        }

        if (style.HasFlag(TextStyle.Muted))
        {
            decoration |= Decoration.Dim;
        }

        return new Style(color, decoration: decoration);
    }
}

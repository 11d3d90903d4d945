using DeckLsp.Core.Rendering;
using DeckLsp.Core.Reviews;

namespace DeckLsp.Server.Cli;

/// <summary>
/// `decklsp study` with no terminal (input piped): one line in for each step, so a script can study. The protocol is in
/// docs/reviews.md: after a question, an empty line shows the answer; after an answer, <c>1</c>–<c>5</c> rates;
/// <c>u</c> undoes and <c>q</c> quits at either. The end of input ends the session as <c>q</c> does.
/// </summary>
internal sealed class LineStudyScreen(TextReader input, TextWriter output) : IStudyScreen
{
    public StudyChoice Question(StudyView view)
    {
        output.WriteLine($"--- {view.Done} done, {view.Remaining} left · {view.Where}");
        Write("Q: ", view.Card.Front);
        while (true)
        {
            output.WriteLine("? Enter: answer | u: undo | q: quit");
            output.Flush();
            switch (input.ReadLine()?.Trim())
            {
                case null or "q":
                    return new StudyChoice(StudyAction.Quit);
                case "":
                    return new StudyChoice(StudyAction.Answer);
                case "u":
                    return new StudyChoice(StudyAction.Undo);
                case var other:
                    output.WriteLine($"! \"{other}\" is not a choice here");
                    break;
            }
        }
    }

    public StudyChoice Answer(StudyView view)
    {
        Write("A: ", view.Card.Back);
        var choices = string.Join(" | ", view.Intervals.Select((interval, i) => $"{RatingScale.Label(i + 1)}: {interval}"));
        while (true)
        {
            output.WriteLine($"? {choices} | u: undo | q: quit");
            output.Flush();
            switch (input.ReadLine()?.Trim())
            {
                case null or "q":
                    return new StudyChoice(StudyAction.Quit);
                case "u":
                    return new StudyChoice(StudyAction.Undo);
                case [var digit] when digit is >= '1' and <= '5':
                    return new StudyChoice(StudyAction.Rate, digit - '0');
                case var other:
                    output.WriteLine($"! \"{other}\" is not a choice here");
                    break;
            }
        }
    }

    public void Tell(string message) => output.WriteLine($"! {message}");

    public void End(StudySummary summary)
    {
        output.WriteLine($"=== {summary.Text}");
        output.Flush();
    }

    // The first line after the prefix, the others indented under it, styles dropped.
    private void Write(string prefix, IReadOnlyList<TextLine> lines)
    {
        var indent = new string(' ', prefix.Length);
        for (var i = 0; i < Math.Max(1, lines.Count); i++)
        {
            output.WriteLine(((i == 0 ? prefix : indent) + (i < lines.Count ? lines[i].Plain : "")).TrimEnd());
        }
    }
}

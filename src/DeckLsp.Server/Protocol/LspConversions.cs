using System.Globalization;
using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Reviews;
using DeckLsp.Core.Text;

namespace DeckLsp.Server.Protocol;

/// <summary>The edge between the core's spans and LSP's ranges; nothing else converts.</summary>
internal static class LspConversions
{
    public const string Source = "decklsp";

    public static Position ToLsp(this LinePosition position) => new() { Line = position.Line, Character = position.Character };

    public static Range ToLsp(this LineRange range) => new() { Start = range.Start.ToLsp(), End = range.End.ToLsp() };

    public static Range ToRange(this LineMap lines, TextSpan span) => lines.GetRange(span).ToLsp();

    public static LinePosition ToCore(this Position position) => new(position.Line, position.Character);

    public static LineRange ToCore(this Range range) => new(range.Start.ToCore(), range.End.ToCore());

    public static int ToOffset(this LineMap lines, Position position, string text) => lines.GetOffset(position.ToCore(), text);

    public static TextSpan ToSpan(this LineMap lines, Range range, string text) => lines.GetSpan(range.ToCore(), text);

    public static Diagnostic ToLsp(this DeckDiagnostic diagnostic, LineMap lines, string uri) => new()
    {
        Range = lines.ToRange(diagnostic.Span),
        Severity = (int)diagnostic.Severity,
        Code = diagnostic.Code,
        Source = Source,
        Message = diagnostic.Message,
        RelatedInformation = diagnostic.Related.Count == 0
            ? null
            : diagnostic.Related
                .Select(r => new DiagnosticRelatedInformation
                {
                    Location = new Location { Uri = uri, Range = lines.ToRange(r.Span) },
                    Message = r.Message,
                })
                .ToArray(),
    };

    public static TextEdit ToLsp(this TextChange change, LineMap lines) => new()
    {
        Range = lines.ToRange(change.Span),
        NewText = change.NewText,
    };

    /// <summary>A calendar day as the statistics name it: local, yyyy-MM-dd.</summary>
    public static string ToLsp(this DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static StatisticsDay ToLsp(this DayReviews day) => new() { Date = day.Day.ToLsp(), Reviews = day.Reviews };

    public static StatisticsWeek ToLsp(this WeekRetention week) =>
        new() { Week = week.Week.ToLsp(), Reviews = week.Reviews, Passed = week.Passed, Rate = week.Rate };

    public static StatisticsStates ToLsp(this StateCounts states) =>
        new() { New = states.New, Learning = states.Learning, Review = states.Review, Relearning = states.Relearning };
}

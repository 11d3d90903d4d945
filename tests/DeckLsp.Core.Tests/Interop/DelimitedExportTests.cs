using DeckLsp.Core.Interop;

namespace DeckLsp.Core.Tests.Interop;

/// <summary>The TSV export: fields a spreadsheet would run as formulas are neutralised as OWASP's CSV injection guidance says.</summary>
public sealed class DelimitedExportTests
{
    public static TheoryData<string, string> Formulas => new()
    {
        { "=HYPERLINK(\"https://evil.example\",\"open\")", "\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"open\"\")\"" },
        { "+1+2", "\"'+1+2\"" },
        { "-2+3", "\"'-2+3\"" },
        { "@SUM(A1:A9)", "\"'@SUM(A1:A9)\"" },
        { "\t=1", "\"'\t=1\"" },
        { "\r=1", "\"'\r=1\"" },
    };

    [Theory]
    [MemberData(nameof(Formulas))]
    public void A_field_that_starts_like_a_formula_is_quoted_behind_an_apostrophe(string field, string written)
    {
        var text = DelimitedFormat.Export([(field, "answer")]);

        Assert.Equal($"{written}\tanswer\n", text);
    }

    [Theory]
    [InlineData("a = b + c")]
    [InlineData("e-mail me @ home")]
    [InlineData("'quoted'")]
    public void A_field_with_formula_characters_after_its_start_is_written_as_it_is(string field)
    {
        Assert.Equal($"question\t{field}\n", DelimitedFormat.Export([("question", field)]));
    }

    [Fact]
    public void Exact_text_keeps_even_formulas_as_written()
    {
        Assert.Equal("=1+1\t- item\n", DelimitedFormat.Export([("=1+1", "- item")], spreadsheetSafe: false));
    }
}

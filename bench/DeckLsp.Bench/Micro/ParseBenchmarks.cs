using BenchmarkDotNet.Attributes;
using DeckLsp.Bench.Generation;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Parsing;
using DeckLsp.Core.Text;
using Markdig;

namespace DeckLsp.Bench.Micro;

/// <summary>
/// The core's work, without the protocol: a full parse against Markdig's own (the baseline), and one keystroke on a
/// parsed deck through to what the publisher needs (diagnostics and the line map of the new snapshot).
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private string _text = "";
    private DeckDocument _document = null!;
    private TextChange _keystroke;

    [Params(1_000, 10_000)]
    public int Cards { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = DeckGenerator.Deck(Cards);
        _document = DeckDocument.Parse(_text);
        _ = _document.Diagnostics;
        _ = _document.Lines;
        _keystroke = new TextChange(new TextSpan(DeckGenerator.EmptyAnswerOffset(_text), 0), "x");
    }

    [Benchmark(Baseline = true, Description = "Markdig full parse")]
    public object MarkdigParse() => Markdown.Parse(_text, DeckPipeline.WithFrontMatter);

    [Benchmark(Description = "DeckDocument.Parse + diagnostics")]
    public object DeckParse() => DeckDocument.Parse(_text).Diagnostics;

    [Benchmark(Description = "keystroke: Apply + diagnostics + line map")]
    public object Keystroke()
    {
        var next = _document.Apply(_keystroke);
        return (next.Diagnostics, next.Lines);
    }
}

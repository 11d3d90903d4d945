using Markdig;
using Markdig.Parsers;

namespace DeckLsp.Core.Parsing;

/// <summary>The Markdig pipelines that decks are parsed and rendered with: one set of extensions everywhere.</summary>
public static class DeckPipeline
{
    /// <summary>For the start of a document, where YAML front matter may stand.</summary>
    public static MarkdownPipeline WithFrontMatter { get; } = Build(frontMatter: true);

    /// <summary>For text after the start, where a <c>---</c> line is a thematic break and never front matter.</summary>
    public static MarkdownPipeline Body { get; } = Build(frontMatter: false);

    /// <summary>
    /// The extensions, without source locations: for rendering card sides. Footnotes are left out on purpose: their
    /// definitions are gathered document-wide, which a card parsed on its own cannot see.
    /// </summary>
    public static MarkdownPipelineBuilder Configure(MarkdownPipelineBuilder builder) => builder
        .UsePipeTables()
        .UseMathematics()
        .UseTaskLists()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseCustomContainers()
        .Use<BoundedLinks>();

    private static MarkdownPipeline Build(bool frontMatter)
    {
        var builder = Configure(new MarkdownPipelineBuilder().UsePreciseSourceLocation());
        if (frontMatter)
        {
            builder.UseYamlFrontMatter();
        }

        return builder.Build();
    }
}

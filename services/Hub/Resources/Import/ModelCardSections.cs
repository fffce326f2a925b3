using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Federation.Hub.Resources.Import;

/// <summary>
/// The Markdown of a model card read as CommonMark (Markdig): its title (the first level-1 heading), its summary (the
/// first paragraph after the title), and its sections by heading at every level. Each section holds its own text
/// (up to the next heading of any level) and its whole text (up to the next heading of its level or above, its
/// subsections with it), so that "Out-of-Scope Use" under "## Uses", as Hugging Face's template nests it, is found
/// as itself and not swallowed by its parent. A heading's "[optional]" and the template's "[More Information Needed]"
/// placeholders are not content.
/// </summary>
public sealed class ModelCardSections
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build();

    private readonly Dictionary<string, (string Own, string Whole)> sections = new(StringComparer.OrdinalIgnoreCase);

    private ModelCardSections()
    {
    }

    public string? Title { get; private set; }

    public string? Summary { get; private set; }

    public static ModelCardSections Read(string markdown)
    {
        var read = new ModelCardSections();
        var document = Markdown.Parse(markdown, Pipeline);
        var blocks = document.ToList();
        var headings = blocks.Select((block, index) => (Block: block as HeadingBlock, Index: index)).Where(h => h.Block is not null).ToList();
        for (var h = 0; h < headings.Count; h++)
        {
            var (heading, index) = (headings[h].Block!, headings[h].Index);
            var name = Clean(Text(heading.Inline));
            var nextAny = h + 1 < headings.Count ? headings[h + 1].Index : blocks.Count;
            var nextSame = headings.Skip(h + 1).Where(o => o.Block!.Level <= heading.Level).Select(o => o.Index).DefaultIfEmpty(blocks.Count).First();
            if (name.Length > 0 && !read.sections.ContainsKey(name))
            {
                read.sections[name] = (Slice(markdown, blocks, index + 1, nextAny), Slice(markdown, blocks, index + 1, nextSame));
            }

            if (heading.Level == 1 && read.Title is null)
            {
                read.Title = name;
                read.Summary = blocks.Skip(index + 1).TakeWhile(b => b is not HeadingBlock).OfType<ParagraphBlock>()
                    .Select(p => Placeholderless(markdown.Substring(p.Span.Start, p.Span.Length))).FirstOrDefault(text => text.Length > 0);
            }
        }

        if (read.Title is null)
        {
            read.Summary = blocks.TakeWhile(b => b is not HeadingBlock).OfType<ParagraphBlock>()
                .Select(p => Placeholderless(markdown.Substring(p.Span.Start, p.Span.Length))).FirstOrDefault(text => text.Length > 0);
        }

        return read;
    }

    /// <summary>The own text of the first of the named sections that has any (its whole text when <paramref name="whole"/>).</summary>
    public string? Find(bool whole, params string[] names) =>
        names.Select(name => sections.TryGetValue(name, out var section) ? whole ? section.Whole : section.Own : null)
            .FirstOrDefault(text => !string.IsNullOrWhiteSpace(text));

    public bool Has(string name) => sections.ContainsKey(name);

    private static string Slice(string markdown, List<Block> blocks, int from, int to)
    {
        if (from >= to)
        {
            return "";
        }

        var start = blocks[from].Span.Start;
        var end = blocks[to - 1].Span.End;
        return Placeholderless(markdown[start..(end + 1)]);
    }

    private static string Placeholderless(string text) =>
        text.Replace("[More Information Needed]", "", StringComparison.OrdinalIgnoreCase).Trim();

    private static string Clean(string heading) => heading.Replace("[optional]", "", StringComparison.OrdinalIgnoreCase).Trim();

    // A heading's words, also those in code spans ("## `bert-base` variants").
    private static string Text(ContainerInline? inline) =>
        inline is null ? "" : string.Concat(inline.Descendants<Inline>().Select(part => part switch
        {
            LiteralInline literal => literal.Content.ToString(),
            CodeInline code => code.Content,
            _ => "",
        })).Trim();
}

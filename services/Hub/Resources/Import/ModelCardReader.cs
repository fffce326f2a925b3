using Federation.Contracts.Hub;
using System.Globalization;
using Federation.Hub.Resources.Metadata;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Federation.Hub.Resources.Import;

/// <summary>
/// Reads a Hugging Face style model card (YAML front matter, then Markdown) into a resource as staff would have typed
/// it. Fields the federation has a place for are mapped; everything else is named in <see cref="ModelCardImport.Notes"/>
/// rather than silently dropped. The result still goes through the ordinary validation.
/// </summary>
public static class ModelCardReader
{
    // Model cards nest four or five levels (model-index → results → metrics); 32 leaves room and stops abuse.
    private const int MaxNesting = 32;

    private static readonly string[] KnownKeys =
        ["license", "language", "tags", "pipeline_tag", "datasets", "model-index", "eu_ai_act", "training_energy_kwh", "trained_in", "federation"];

    public static ModelCardImport Read(string text, string? publisher, string? accessPolicy)
    {
        var notes = new List<string>();
        var (frontMatter, body) = Split(text.Replace("\r\n", "\n", StringComparison.Ordinal));
        var yaml = frontMatter is null ? null : Parse(frontMatter, notes);
        foreach (var key in yaml?.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!).Except(KnownKeys) ?? [])
        {
            notes.Add($"Front matter '{key}' has no place in the federation's model card and was left out.");
        }

        var datasets = Strings(yaml, "datasets");
        var links = new List<ResourceLinkInput?>();
        foreach (var dataset in datasets)
        {
            var parts = dataset.Split('/');
            if (parts.Length == 2 && Guid.TryParse(parts[1], out var id))
            {
                links.Add(new ResourceLinkInput(parts[0], id));
            }
            else
            {
                notes.Add($"Training dataset '{dataset}' is not a federation reference (hub/resource-id) and was left out; mention it in the description.");
            }
        }

        var aiAct = yaml?.Children.TryGetValue(new YamlScalarNode("eu_ai_act"), out var act) == true && act is YamlMappingNode actMap
            ? new AiActInput(Scalar(actMap, "risk_class"), Scalar(actMap, "annex_iii_area"), Scalar(actMap, "intended_purpose"))
            : null;
        var markdown = ModelCardSections.Read(body);
        var summary = markdown.Summary is { Length: > 1000 } tooLong ? tooLong[..(char.IsHighSurrogate(tooLong[999]) ? 999 : 1000)] : markdown.Summary;
        var model = new ModelInput(
            Scalar(yaml, "pipeline_tag"), null, null, null, links,
            IntendedUse(markdown), markdown.Find(whole: true, "out-of-scope use", "out-of-scope uses"),
            markdown.Find(whole: true, "bias, risks, and limitations", "limitations", "risks and limitations"), Evaluations(yaml, notes), aiAct,
            double.TryParse(Scalar(yaml, "training_energy_kwh"), NumberStyles.Float, CultureInfo.InvariantCulture, out var kwh) ? kwh : null,
            Scalar(yaml, "trained_in"));
        var input = new ResourceInput
        {
            Kind = "model",
            Title = markdown.Title,
            Summary = summary,
            Description = body.Trim().Length > 20_000 ? body.Trim()[..20_000] : body.Trim(),
            Keywords = [.. Strings(yaml, "tags")],
            Licence = Scalar(yaml, "license"),
            Language = Strings(yaml, "language").FirstOrDefault(),
            Publisher = publisher,
            AccessPolicy = accessPolicy,
            Model = model,
        };
        return new ModelCardImport(input, notes);
    }

    private static (string? FrontMatter, string Body) Split(string text)
    {
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            return (null, text);
        }

        var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            return (null, text);
        }

        // The body starts on the line after the closing "---"; a body that begins with "- item" keeps its dash.
        var closingLineEnd = text.IndexOf('\n', end + 1);
        return (text[4..(end + 1)], closingLineEnd < 0 ? "" : text[(closingLineEnd + 1)..]);
    }

    private static YamlMappingNode? Parse(string frontMatter, List<string> notes)
    {
        try
        {
            if (DeepestNesting(frontMatter) > MaxNesting)
            {
                notes.Add($"The front matter is nested deeper than {MaxNesting} levels and was ignored.");
                return null;
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(frontMatter));
            return stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode;
        }
        catch (YamlException exception)
        {
            notes.Add($"The front matter is not valid YAML ({exception.Start.Line}:{exception.Start.Column}) and was ignored.");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some broken input (a flow collection left open at the end):
            // found by the import fuzzing in ImportAbuseSpecs.
            notes.Add("The front matter is not valid YAML and was ignored.");
            return null;
        }
    }

    /// <summary>
    /// How deep collections nest, read with YamlDotNet's event parser, which keeps its state on the heap. The node
    /// model that <see cref="YamlStream"/> builds recurses per level, and a card nested thousands deep would overflow
    /// the stack, which no catch can stop; so the depth is measured first.
    /// </summary>
    private static int DeepestNesting(string frontMatter)
    {
        var parser = new Parser(new StringReader(frontMatter));
        var (depth, deepest) = (0, 0);
        while (parser.MoveNext())
        {
            depth += parser.Current switch
            {
                YamlDotNet.Core.Events.SequenceStart or YamlDotNet.Core.Events.MappingStart => 1,
                YamlDotNet.Core.Events.SequenceEnd or YamlDotNet.Core.Events.MappingEnd => -1,
                _ => 0,
            };
            deepest = Math.Max(deepest, depth);
            if (deepest > MaxNesting)
            {
                break;
            }
        }

        return deepest;
    }

    private static string? Scalar(YamlMappingNode? map, string key) =>
        map?.Children.TryGetValue(new YamlScalarNode(key), out var node) == true && node is YamlScalarNode scalar ? scalar.Value : null;

    private static List<string> Strings(YamlMappingNode? map, string key) =>
        map?.Children.TryGetValue(new YamlScalarNode(key), out var node) != true ? []
        : node is YamlSequenceNode list ? [.. list.Children.OfType<YamlScalarNode>().Select(s => s.Value!).Take(100)]
        : node is YamlScalarNode one && one.Value is { } value ? [value]
        : [];

    private static List<EvaluationInput?> Evaluations(YamlMappingNode? yaml, List<string> notes)
    {
        var evaluations = new List<EvaluationInput?>();
        if (yaml?.Children.TryGetValue(new YamlScalarNode("model-index"), out var index) != true || index is not YamlSequenceNode models)
        {
            return evaluations;
        }

        foreach (var result in models.Children.OfType<YamlMappingNode>()
                     .SelectMany(m => m.Children.TryGetValue(new YamlScalarNode("results"), out var r) && r is YamlSequenceNode rs ? rs.Children.OfType<YamlMappingNode>() : []))
        {
            var dataset = result.Children.TryGetValue(new YamlScalarNode("dataset"), out var d) && d is YamlMappingNode dm ? dm : null;
            var datasetName = Scalar(dataset, "name");
            var reference = Scalar(dataset, "type")?.Split('/');
            var link = reference is [var hubId, var id] && Guid.TryParse(id, out var resourceId) ? new ResourceLinkInput(hubId, resourceId) : null;
            if (!result.Children.TryGetValue(new YamlScalarNode("metrics"), out var m) || m is not YamlSequenceNode metrics)
            {
                continue;
            }

            foreach (var metric in metrics.Children.OfType<YamlMappingNode>())
            {
                if (double.TryParse(Scalar(metric, "value"), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    evaluations.Add(new EvaluationInput(Scalar(metric, "type") ?? Scalar(metric, "name"), value, link, datasetName));
                }
                else
                {
                    notes.Add($"Metric '{Scalar(metric, "type")}' has no numeric value and was left out.");
                }
            }
        }

        return evaluations;
    }

    // Hugging Face's template says what a model is for under "## Uses": "### Direct Use" and "### Downstream Use", with
    // "### Out-of-Scope Use" beside them (which is not an intended use). Older cards have "## Intended use(s)".
    private static string? IntendedUse(ModelCardSections markdown)
    {
        var direct = markdown.Find(whole: true, "direct use");
        var downstream = markdown.Find(whole: true, "downstream use");
        if (direct is not null || downstream is not null)
        {
            return string.Join("\n\n", new[] { direct, downstream }.Where(text => text is not null));
        }

        return markdown.Find(whole: true, "intended use", "intended uses") ?? markdown.Find(whole: false, "uses");
    }
}

/// <summary>A model card read as a resource, with notes on whatever of it was left out.</summary>
public sealed record ModelCardImport(ResourceInput Input, IReadOnlyList<string> Notes);

using System.Globalization;
using Federation.Rdf;

namespace Federation.Hub.Harvest;

/// <summary>
/// Hydra paging as catalogues serve it: the current spelling (<c>hydra:view</c> with <c>hydra:next</c> and
/// <c>hydra:totalItems</c>) and the older one ckanext-dcat still writes (<c>hydra:PagedCollection</c> with
/// <c>hydra:nextPage</c> and <c>hydra:totalItems</c>, the links often plain literals). Relative links resolve against
/// the page's own address.
/// </summary>
public static class HydraPaging
{
    public static string? Next(RdfGraph graph, string pageUrl)
    {
        var next = graph.Triples
            .Where(t => t.Predicate.Value is Vocab.Hydra + "next" or Vocab.Hydra + "nextPage")
            .Select(t => RdfGraph.Text(t.Object))
            .FirstOrDefault(link => !string.IsNullOrWhiteSpace(link));
        return next is null ? null : IriText.Resolve(next.Trim(), pageUrl);
    }

    public static int? TotalItems(RdfGraph graph) => graph.Triples
        .Where(t => t.Predicate.Value == Vocab.Hydra + "totalItems")
        .Select(t => int.TryParse(RdfGraph.Text(t.Object), NumberStyles.Integer, CultureInfo.InvariantCulture, out var total) && total >= 0 ? total : (int?)null)
        .FirstOrDefault(total => total is not null);
}

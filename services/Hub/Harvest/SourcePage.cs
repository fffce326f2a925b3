using Federation.Rdf;

namespace Federation.Hub.Harvest;

/// <summary>One page of a source as read: its graph, the next page its Hydra paging names, and the total it announces.</summary>
public sealed record SourcePage(string Url, RdfGraph Graph, string? Next, int? TotalItems);

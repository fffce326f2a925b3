namespace Federation.Contracts.Catalogue;

/// <summary>Resources across the federation like one resource: sharing keywords, themes, lineage or words (in either language), most alike first.</summary>
public sealed record SimilarResources(Guid Of, IReadOnlyList<SearchHit> Items);

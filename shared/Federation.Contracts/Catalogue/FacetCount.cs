namespace Federation.Contracts.Catalogue;

/// <summary>One value of a facet and how many resources of the result have it.</summary>
public sealed record FacetCount(string Value, long Count);

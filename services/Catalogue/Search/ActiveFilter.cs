namespace Federation.Catalogue.Search;

/// <summary>A filter the search sets: its dimension, its SQL condition, and the filter tags it accepts.</summary>
internal sealed record ActiveFilter(string Dimension, string Clause, HashSet<string> Tags);

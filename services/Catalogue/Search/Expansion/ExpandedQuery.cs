namespace Federation.Catalogue.Search.Expansion;

/// <summary>A search text taken apart into clauses, and the translations it was widened with (for "also searched").</summary>
public sealed record ExpandedQuery(IReadOnlyList<QueryClause> Clauses, IReadOnlyList<string> Translations)
{
    public bool Widened => Clauses.Any(clause => clause.Alternatives.Count > 0);
}

namespace Federation.Contracts.Catalogue;

/// <summary>A hit; <see cref="Snippet"/> is HTML: the summary escaped, with the matched words in &lt;mark&gt;.</summary>
public sealed record SearchHit(
    Guid Id,
    string HubId,
    string Kind,
    string Title,
    string Summary,
    string Licence,
    string AccessPolicy,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Themes,
    int Version,
    DateTimeOffset ModifiedAt,
    double Rank,
    string? Snippet)
{
    /// <summary>How much the resource is used, as its hub reports it.</summary>
    public ResourceUse Use { get; init; } = ResourceUse.None;

    /// <summary>The score sort=popularity orders by, and that nudges relevance: ln(1 + downloads + 5 × (requests + introductions)), to one decimal.</summary>
    public double Popularity { get; init; }
}

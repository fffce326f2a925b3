namespace Federation.Contracts.Catalogue;

/// <summary>
/// One page of hits. <see cref="Next"/> is the cursor of the following page, null on the last. Counts over large
/// results are estimated from a sample and rounded to two significant digits; the two flags say so, for a client to
/// show "about". <see cref="CorrectedText"/> is set when the text as typed found nothing and these are the hits of
/// the text with its unknown words corrected; the next page's request must use that text.
/// </summary>
public sealed record SearchResult(
    long Total,
    int Page,
    int PageSize,
    IReadOnlyList<SearchHit> Items,
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets,
    string Sort,
    string? Next,
    bool TotalIsEstimate = false,
    bool FacetsAreEstimates = false,
    string? CorrectedText = null)
{
    /// <summary>
    /// The translations the text was also searched with (terms of the catalogue's Dutch–English vocabulary), ranked below
    /// the words typed; empty when there were none or the search asked for none (translate=false).
    /// </summary>
    public IReadOnlyList<string> AlsoSearched { get; init; } = [];
}

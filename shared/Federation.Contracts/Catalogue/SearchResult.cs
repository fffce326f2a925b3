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

    /// <summary>
    /// For a large relevance search, the index in <see cref="Items"/> of the first hit past the part in exact order
    /// of relevance: from there on the rest of the matches follow newest first. Null when every item of the page is in
    /// relevance order (always, for a small result, which has every match ranked).
    /// </summary>
    public int? NewestFirstFrom { get; init; }
}

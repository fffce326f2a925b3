using System.ComponentModel.DataAnnotations;

namespace Federation.Catalogue.Search;

/// <summary>
/// The bounds that keep a search's work independent of how many resources match (see <see cref="CatalogueSearch"/>).
/// Larger values give exact answers further up, at the cost of every search that reaches them.
/// </summary>
public sealed class SearchOptions : IValidatableObject
{
    public const string Section = "Search";

    /// <summary>How many of the most recently modified matches relevance ranks in a result that is not large; older matches follow, newest first.</summary>
    [Range(1, 100_000)]
    public int RankingWindow { get; set; } = 1_000;

    /// <summary>
    /// For a result larger than this (by the sample's estimate), relevance ranks the matches among this many most
    /// recently modified resources, checked one by one along the recency index.
    /// </summary>
    [Range(1, 1_000_000)]
    public int ScanRows { get; set; } = 2_500;

    /// <summary>
    /// Of those, relevance ranks at most this many, the most recent: a common word with its translation can match
    /// nearly every one of the rows, and ranking is the costly part of such a search. Above <see cref="ScanRows"/> it
    /// is <see cref="ScanRows"/>.
    /// </summary>
    [Range(1, 100_000)]
    public int ScanRankLimit { get; set; } = 500;

    /// <summary>Up to this many matches the total is counted exactly.</summary>
    [Range(1, 1_000_000)]
    public int ExactCountLimit { get; set; } = 5_000;

    /// <summary>Up to this many rows (matches, and those that miss one filter) facets are counted exactly.</summary>
    [Range(1, 1_000_000)]
    public int ExactFacetRows { get; set; } = 2_000;

    /// <summary>About how many rows of the table the sample reads that sizes a result and estimates large ones.</summary>
    [Range(1, 10_000_000)]
    public int SampleRows { get; set; } = 2_500;

    /// <summary>
    /// The Dutch Hunspell dictionary whose compound flags split compounds (<c>{path}.aff</c> and <c>{path}.dic</c>):
    /// OpenTaal's, from Debian's hunspell-nl package.
    /// </summary>
    [Required]
    public string Dictionary { get; set; } = "/usr/share/hunspell/nl";

    /// <summary>
    /// Whether compounds are split, in resources and queries (on). Off only to measure what splitting adds (the judged
    /// relevance set); the dictionary is required either way, so that turning it on again needs no other change.
    /// </summary>
    public bool SplitCompounds { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {

        // Without the dictionary the catalogue would index compounds whole, and searches for their parts would quietly miss.
        if (!File.Exists(Dictionary + ".aff") || !File.Exists(Dictionary + ".dic"))
        {
            yield return new ValidationResult(
                $"The Dutch Hunspell dictionary is missing: no {Dictionary}.aff and {Dictionary}.dic. Install Debian's hunspell-nl package " +
                $"(apt-get install hunspell-nl) or set {Section}:{nameof(Dictionary)} to the path of those files without their extension.",
                [nameof(Dictionary)]);
        }
    }
}

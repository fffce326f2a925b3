using System.ComponentModel.DataAnnotations;

namespace Federation.Catalogue.Search;

/// <summary>
/// The bounds that keep a search's work independent of how many resources match (see <see cref="CatalogueSearch"/>).
/// Larger values give exact answers further up, at the cost of every search that reaches them.
/// </summary>
public sealed class SearchOptions : IValidatableObject
{
    public const string Section = "Search";

    /// <summary>
    /// A result larger than this (by the sample's estimate) is large: relevance finds its best matches through the
    /// leaders of its words rather than by ranking every match; a search with a prefix term (which has no leaders)
    /// ranks the matches among this many most recently modified resources, checked one by one along the recency index.
    /// </summary>
    [Range(1, 1_000_000)]
    public int ScanRows { get; set; } = 2_500;

    /// <summary>
    /// A large result whose leaders cannot vouch for a page (a conjunction of common words, whose best matches need not
    /// lead for either word) has every match ranked while the sample puts it at or below this many; above it, the
    /// page goes on with the rest of the matches, newest first, and says where (<c>newestFirstFrom</c>).
    /// </summary>
    /// <remarks>
    /// Ranking every match costs about its share of the table: at a million resources, 23,000 matches of two common
    /// words took 140 ms p50 (docs/benchmarks.md); 5,000 stay within the search's 50 ms.
    /// </remarks>
    [Range(0, 10_000_000)]
    public int RankAllRows { get; set; } = 5_000;

    /// <summary>
    /// A word found in at least this many resources (by a sample's estimate) is frequent: its leaders, the resources it
    /// weighs most in, are kept as resources change, and a search with the word starts from them. Every other word's
    /// matches are all ranked.
    /// </summary>
    [Range(1, 10_000_000)]
    public int FrequentDocuments { get; set; } = 1_000;

    /// <summary>
    /// How many leaders each frequent word keeps (more between two rounds of the keeper): how deep relevance is exact
    /// for a search of common words before the rest of its matches follow newest first.
    /// </summary>
    [Range(1, 1_000_000)]
    public int LeaderCount { get; set; } = 1_000;

    /// <summary>How often the keeper looks for words that have become frequent and trims leaders grown beyond their count.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan LeaderInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>About how many rows the keeper's sample reads to find the frequent words.</summary>
    [Range(1, 10_000_000)]
    public int StatisticsRows { get; set; } = 20_000;

    /// <summary>
    /// For a large search with a prefix term, of the recent rows above, relevance ranks at most this many, the most recent: a common word with its translation can match
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

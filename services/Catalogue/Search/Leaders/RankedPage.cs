using Federation.Contracts.Catalogue;

namespace Federation.Catalogue.Search.Leaders;

/// <summary>
/// What a <see cref="LeaderStatement.Ranked"/> statement found: the page's hits with their part (0 ranked, 1 the
/// rest), whether reading deeper could lower the bound, how many rows below the cursor it vouched for (at most the
/// rows up to the page's end), and for how many candidates in all.
/// </summary>
internal sealed record RankedPage(IReadOnlyList<(SearchHit Hit, int Segment)> Hits, bool Deeper, long Certified, long Vouched);

using Federation.Contracts.Catalogue;

namespace Federation.Catalogue.Search.Leaders;

/// <summary>
/// What a <see cref="LeaderStatement.Ranked"/> statement found: the page's ranked hits, its bound, whether deeper
/// leaders exist, how many rows below the cursor it vouched for (at most the page's), and how many candidates in all.
/// </summary>
internal sealed record RankedPage(IReadOnlyList<SearchHit> Hits, LeaderBound Bound, bool Deeper, long Certified, long Vouched);

using Federation.Contracts.Catalogue;

namespace Federation.Catalogue.Search.Leaders;

/// <summary>What a <see cref="LeaderStatement.Ranked"/> statement found: the page's ranked hits, its bound, whether deeper leaders exist, how many rows it vouched for.</summary>
internal sealed record RankedPage(IReadOnlyList<SearchHit> Hits, LeaderBound Bound, bool Deeper, long Certified);

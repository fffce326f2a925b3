namespace Federation.Catalogue.Search.Leaders;

/// <summary>
/// How far the leaders a search read vouch for its ranking: no match outside them ranks above <see cref="Rank"/>, and
/// one that ranks equal to it is modified before <see cref="ModifiedAt"/> (by id at the same time). A match that ranks
/// above the bound, or equal to it and later, is in exact order; every other one is in "the rest".
/// </summary>
/// <param name="ModifiedAt">Null when no word of the search bounds the others by a rank above nothing.</param>
public sealed record LeaderBound(double Rank, DateTimeOffset? ModifiedAt, Guid? Id);

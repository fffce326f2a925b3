namespace Federation.Catalogue.Search.Expansion;

/// <summary>One piece of a search text in web-search syntax, with what else it may match.</summary>
/// <param name="Text">The piece in web-search syntax as typed: a word, words looked up together, a "quoted phrase" or an excluded word (its minus removed).</param>
/// <param name="Alternatives">Also matched, in web-search syntax, ranked below the text itself: a compound's parts, translations.</param>
public sealed record QueryClause(ClauseKind Kind, string Text, IReadOnlyList<string> Alternatives);

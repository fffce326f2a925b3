namespace Federation.Catalogue.Search.Expansion;

/// <summary>One piece of a search text in web-search syntax, with what else it may match.</summary>
/// <param name="Text">The piece in web-search syntax as typed: a word, words looked up together, a "quoted phrase" or an excluded word (its minus removed).</param>
/// <param name="Alternatives">Also matched, in web-search syntax, ranked below the text itself: a compound's parts, translations.</param>
public sealed record QueryClause(ClauseKind Kind, string Text, IReadOnlyList<string> Alternatives);

public enum ClauseKind
{
    /// <summary>Words that must all be found (one word, or the words of a vocabulary term).</summary>
    Words,

    /// <summary>A quoted phrase: its words next to each other, never expanded.</summary>
    Phrase,

    /// <summary>Must not be found (-word, -"phrase").</summary>
    Excluded,

    /// <summary>Either the clause before or the one after.</summary>
    Or,
}

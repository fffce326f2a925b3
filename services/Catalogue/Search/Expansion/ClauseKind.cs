namespace Federation.Catalogue.Search.Expansion;

/// <summary>What a piece of a search text is, as web-search syntax reads it.</summary>
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

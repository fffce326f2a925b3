namespace Federation.Catalogue.Search;

/// <summary>How hits are ordered: by relevance to the text (the default when there is text), newest change first, or most used first.</summary>
public enum SearchSort
{
    Relevance,
    Modified,
    Popularity,
}

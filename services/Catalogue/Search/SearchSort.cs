namespace Federation.Catalogue.Search;

/// <summary>How hits are ordered: by relevance to the text (the default when there is text), or newest change first.</summary>
public enum SearchSort
{
    Relevance,
    Modified,
}

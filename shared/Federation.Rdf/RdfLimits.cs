namespace Federation.Rdf;

/// <summary>
/// How much one document may hold. A catalogue page of a hundred datasets is a few thousand triples; far more is a
/// mistake or an attack on the reader's memory, and is refused rather than read.
/// </summary>
public static class RdfLimits
{
    public const int MaxTriples = 200_000;

    /// <summary>How deep nodes, lists and elements may nest before a reader refuses the document (stack safety).</summary>
    public const int MaxNesting = 64;
}

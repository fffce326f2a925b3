namespace Federation.Rdf;

/// <summary>
/// What the three readers share while they build a graph: the triple bound, blank nodes by the document's labels
/// and new ones under a letter of the reader's own (RdfGraph.NewBlank's labels start with b, so they never meet),
/// and the depth of nesting, which each reader bounds to keep its recursion off the end of the stack.
/// </summary>
internal sealed class GraphBuilder(char blankPrefix, int maxTriples)
{
    private readonly Dictionary<string, RdfBlank> labelled = new(StringComparer.Ordinal);
    private int blanks;

    public RdfGraph Graph { get; } = new();

    public int Depth { get; private set; }

    public int MaxTriples => maxTriples;

    /// <summary>Adds the triple when both ends are known; false when the graph has grown past the bound.</summary>
    public bool Add(RdfTerm? subject, string predicate, RdfTerm? value) =>
        subject is null || value is null || !Graph.Add(new RdfTriple(subject, new RdfIri(predicate), value)) || Graph.Count <= maxTriples;

    public RdfBlank NewBlank() => new($"{blankPrefix}{++blanks}");

    /// <summary>The blank node a label of the document names: the same node for the same label.</summary>
    public RdfBlank Labelled(string label)
    {
        if (!labelled.TryGetValue(label, out var blank))
        {
            labelled[label] = blank = NewBlank();
        }

        return blank;
    }

    /// <summary>One level deeper; false when that is deeper than <see cref="RdfLimits.MaxNesting"/>.</summary>
    public bool Enter() => ++Depth <= RdfLimits.MaxNesting;

    public void Leave() => Depth--;
}

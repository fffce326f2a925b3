namespace Federation.Rdf;

/// <summary>
/// Labels for the blank nodes of one document being written: b1, b2, … in order of first use. A reader's labels may
/// hold characters one syntax allows and another does not; the writers never print them.
/// </summary>
internal sealed class BlankLabels
{
    private readonly Dictionary<RdfBlank, string> labels = [];

    public string Of(RdfBlank blank)
    {
        if (!labels.TryGetValue(blank, out var label))
        {
            labels[blank] = label = $"_:b{labels.Count + 1}";
        }

        return label;
    }
}

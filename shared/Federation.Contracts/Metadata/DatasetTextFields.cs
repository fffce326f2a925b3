namespace Federation.Contracts.Metadata;

/// <summary>
/// Every simple descriptive field of a dataset, in the order the portal shows them (after the fields with their own
/// code: the period, the area, the update frequency, personal data and its legal basis). Adding one here, and its
/// property to <c>DatasetInput</c> and <see cref="DatasetMetadata"/>, is all a new field needs: the hub validates and
/// keeps it, the publish form asks for it (and keeps it when editing), the resource page shows it, and the DCAT-AP
/// export carries it when it names a DCAT-AP property.
/// </summary>
/// <remarks>
/// Like the search dimensions, these entries hold behaviour (the accessors) in a project of records: they are pure
/// projections of the records beside them, and declaring them anywhere else would split each field again over the
/// services. Fields with structure (the period, distributions) or with meaning beyond a literal (the area is a
/// dct:Location, the frequency an EU authority concept, the legal basis depends on personal data) keep their own code.
/// </remarks>
public static class DatasetTextFields
{
    /// <summary>The most characters of a datasheet note.</summary>
    public const int NotesMax = 10_000;

    public static readonly IReadOnlyList<DatasetTextField> All =
    [
        new("version", ("Versie", "Version"),
            new(d => d.Version, (d, v) => d with { Version = v }),
            new(m => m.Version, (m, v) => m with { Version = v }),
            MaxLength: 50, DcatProperty: "http://www.w3.org/ns/dcat#version"),
        new("collectionProcess", ("Hoe de data is verzameld", "How the data was collected"),
            new(d => d.CollectionProcess, (d, v) => d with { CollectionProcess = v }),
            new(m => m.CollectionProcess, (m, v) => m with { CollectionProcess = v }),
            MaxLength: NotesMax, Note: true),
        new("knownBiases", ("Bekende vertekeningen", "Known biases"),
            new(d => d.KnownBiases, (d, v) => d with { KnownBiases = v }),
            new(m => m.KnownBiases, (m, v) => m with { KnownBiases = v }),
            MaxLength: NotesMax, Note: true),
    ];

    private static readonly Dictionary<string, DatasetTextField> ByName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public static DatasetTextField? Find(string name) => ByName.GetValueOrDefault(name);
}

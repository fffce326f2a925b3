namespace Federation.Contracts.Hub;

/// <summary>
/// A resource as hub staff send it (POST /resources, PUT /resources/{id}, POST /resources/validate). Everything is
/// optional here so that a missing or wrong field is answered by the hub's validator with the field's name, not by a
/// serializer error.
/// </summary>
/// <remarks>Not sealed: the hub's demo-data files hold the same fields with a few of their own beside them.</remarks>
public record ResourceInput
{
    public string? Kind { get; init; }
    public string? Title { get; init; }
    public string? Summary { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string?>? Keywords { get; init; }
    public IReadOnlyList<string?>? Themes { get; init; }
    public string? Licence { get; init; }
    public string? AccessPolicy { get; init; }
    public string? Publisher { get; init; }
    public string? ContactPoint { get; init; }
    public string? Language { get; init; }

    /// <summary>The resource's key at its publisher (an import's identifier column, a dataset's dct:identifier); optional.</summary>
    public string? Identifier { get; init; }

    /// <summary>What staff say of this change, kept with the version it makes (shown in its history and exports).</summary>
    public string? ChangeNote { get; init; }

    /// <summary>DCAT-AP metadata and datasheet of a dataset.</summary>
    public DatasetInput? Dataset { get; init; }

    /// <summary>The model card of a model.</summary>
    public ModelInput? Model { get; init; }

    /// <summary>The profile of an expertise offer.</summary>
    public ExpertiseInput? Expertise { get; init; }

    /// <summary>The partitions, capacity, energy and terms of a facility's compute offer.</summary>
    public ComputeInput? Compute { get; init; }

    /// <summary>Where the data is stored and processed, for any kind.</summary>
    public SovereigntyInput? Sovereignty { get; init; }
}

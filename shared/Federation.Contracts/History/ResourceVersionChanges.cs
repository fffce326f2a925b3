namespace Federation.Contracts.History;

/// <summary>What changed from one version of a resource to another, field by field.</summary>
public sealed record ResourceVersionChanges(Guid ResourceId, int From, int To, IReadOnlyList<FieldChange> Changes);

namespace Federation.Contracts.Catalogue;

/// <summary>A model's training datasets, and for a dataset the models trained on it, across all hubs.</summary>
public sealed record ResourceLineage(Guid Id, string HubId, string Kind, string Title, IReadOnlyList<LineageLink> TrainedOn, IReadOnlyList<LineageLink> UsedBy);

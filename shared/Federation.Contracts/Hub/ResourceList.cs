namespace Federation.Contracts.Hub;

/// <summary>One page of a hub's resources (GET /resources), newest change first, with how many there are in all.</summary>
public sealed record ResourceList(long Total, int Page, int PageSize, IReadOnlyList<ResourceSnapshot> Items);

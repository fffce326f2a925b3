namespace Federation.Contracts.History;

/// <summary>One version of a resource in its history: its number, its state then, when and by whom it was made, the staff's note, its title.</summary>
public sealed record ResourceVersion(int Version, ResourceState State, DateTimeOffset ChangedAt, string ChangedBy, string? Note, string Title);

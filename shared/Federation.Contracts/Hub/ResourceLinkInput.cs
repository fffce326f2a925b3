namespace Federation.Contracts.Hub;

/// <summary>A resource of some hub that another one refers to (a model's training dataset), as staff send it.</summary>
public sealed record ResourceLinkInput(string? HubId, Guid? ResourceId);

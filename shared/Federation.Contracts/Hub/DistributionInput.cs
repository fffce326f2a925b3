namespace Federation.Contracts.Hub;

/// <summary>One distribution of a dataset (a file held by the hub, or a download elsewhere), as staff send it.</summary>
public sealed record DistributionInput(string? Title, string? MediaType, string? Format, long? ByteSize, string? Sha256, Guid? ArtifactId, string? DownloadUrl);

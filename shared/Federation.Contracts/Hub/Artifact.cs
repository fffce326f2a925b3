namespace Federation.Contracts.Hub;

/// <summary>A file of a dataset or model, held by its hub; <see cref="Sha256"/> lets anyone check what they downloaded.</summary>
public sealed record Artifact(
    Guid Id,
    Guid ResourceId,
    string FileName,
    string MediaType,
    long SizeBytes,
    string Sha256,
    string UploadedBy,
    DateTimeOffset UploadedAt);

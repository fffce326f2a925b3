namespace Federation.Contracts.Metadata;

/// <summary>
/// One way to get a dataset or model (DCAT distribution): its format and size, its SHA-256, and where it is downloaded.
/// Files held by the hub are downloaded through it (<see cref="ArtifactId"/>); others have an external address.
/// </summary>
public sealed record Distribution(
    string Title,
    string MediaType,
    string? Format = null,
    long? ByteSize = null,
    string? Sha256 = null,
    Guid? ArtifactId = null,
    Uri? DownloadUrl = null);

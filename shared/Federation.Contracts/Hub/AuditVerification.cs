namespace Federation.Contracts.Hub;

/// <summary>
/// What a check of a hub's audit hash chain found: how many records it verified, the head it reached (the last
/// record's place and hash, hex) and, when the chain does not hold, where it first breaks and why.
/// <see cref="Checkpoints"/> gives the chain's hash at the places asked for (<c>?at=</c>), to compare with heads the
/// hub published earlier.
/// </summary>
public sealed record AuditVerification(
    bool Intact,
    long Verified,
    long HeadSeq,
    string HeadHash,
    long? BrokenAt,
    string? Problem,
    IReadOnlyList<AuditCheckpoint>? Checkpoints = null);

/// <summary>The chain's hash after record <paramref name="Seq"/> (hex), or null when the verified chain is shorter.</summary>
public sealed record AuditCheckpoint(long Seq, string? Hash);

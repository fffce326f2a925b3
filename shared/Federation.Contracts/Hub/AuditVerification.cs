namespace Federation.Contracts.Hub;

/// <summary>
/// What a check of a hub's audit hash chain found: how many records it verified, the head it reached (the last
/// record's place and hash, hex) and, when the chain does not hold, where it first breaks and why.
/// </summary>
public sealed record AuditVerification(
    bool Intact,
    long Verified,
    long HeadSeq,
    string HeadHash,
    long? BrokenAt,
    string? Problem);

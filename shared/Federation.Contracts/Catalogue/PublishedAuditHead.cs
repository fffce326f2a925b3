namespace Federation.Contracts.Catalogue;

/// <summary>
/// A head of a hub's audit hash chain as the hub published it in a signed heartbeat and the catalogue kept it: after
/// <paramref name="Records"/> records the chain's hash was <paramref name="Hash"/>. <paramref name="Signature"/> (a
/// detached JWS, header <c>Federation-Signature</c>) over <paramref name="SignedMessage"/> (the heartbeat's canonical
/// JSON) lets anyone check that the hub said so, with the key <paramref name="KeyId"/> the authority vouched for.
/// <paramref name="Contradicts"/> marks a head that disagrees with one kept before (same place, another hash; or a
/// shorter chain): the hub's history was rewritten.
/// </summary>
public sealed record PublishedAuditHead(
    long Records,
    string Hash,
    DateTimeOffset SignedAt,
    DateTimeOffset KeptAt,
    string KeyId,
    string Signature,
    string SignedMessage,
    bool Contradicts);

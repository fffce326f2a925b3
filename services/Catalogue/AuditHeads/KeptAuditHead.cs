namespace Federation.Catalogue.AuditHeads;

/// <summary>
/// A head of a hub's audit chain as the hub signed it in a heartbeat, with the proof (signature and signed bytes).
/// One document per hub, place and hash, so a contradicting head is kept beside the one it contradicts.
/// </summary>
public sealed class KeptAuditHead
{
    public string Id { get; set; } = "";

    public string HubId { get; set; } = "";

    public long Records { get; set; }

    public string Hash { get; set; } = "";

    public DateTimeOffset SignedAt { get; set; }

    public DateTimeOffset KeptAt { get; set; }

    public string KeyId { get; set; } = "";

    public string Signature { get; set; } = "";

    public string SignedMessage { get; set; } = "";

    public bool Contradicts { get; set; }

    public static string IdOf(string hubId, long records, string hash) => $"{hubId}/{records}/{hash}";
}

using Federation.Contracts;

namespace Federation.Catalogue.Ingest;

/// <summary>
/// The catalogue's copy of one resource at the newest version it has seen. Withdrawn resources stay as tombstones,
/// so an older copy arriving late cannot bring them back.
/// </summary>
public sealed class CatalogueEntry
{
    public Guid Id { get; set; }

    public string HubId { get; set; } = "";

    public int Version { get; set; }

    public ResourceState State { get; set; }

    /// <summary>The hub's sequence of the event that brought this version.</summary>
    public long Sequence { get; set; }

    public long DigestTerm { get; set; }

    public DateTimeOffset AppliedAt { get; set; }

    public ResourceSnapshot Resource { get; set; } = null!;

    /// <summary>
    /// The id of the federation key whose signature on this version was checked (the owning hub's, as the authority
    /// vouched for it then); null for versions stored before messages were signed.
    /// </summary>
    public string? SignedWithKey { get; set; }
}

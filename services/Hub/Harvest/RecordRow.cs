namespace Federation.Hub.Harvest;

/// <summary>One dataset of a source and the resource that mirrors it.</summary>
public sealed class RecordRow
{
    public Guid SourceId { get; set; }
    public string SourceIdentifier { get; set; } = "";
    public Guid ResourceId { get; set; }
    public string ContentHash { get; set; } = "";
    public int HarvestedVersion { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset LastChangedAt { get; set; }
    public DateTimeOffset? SourceModified { get; set; }
    public bool SourceChangedSinceEdit { get; set; }
    public bool GoneFromSource { get; set; }
}

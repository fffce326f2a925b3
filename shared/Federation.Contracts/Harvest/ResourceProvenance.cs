namespace Federation.Contracts.Harvest;

/// <summary>
/// Where a harvested resource comes from: the source, the dataset's identifier there, when a run last saw it and
/// when it last changed there. <see cref="EditedLocally"/>: staff changed it here since, so runs leave it as it is
/// (<see cref="SourceChangedSinceEdit"/> says the source has moved on) until staff hand it back to the source.
/// </summary>
public sealed record ResourceProvenance(
    Guid ResourceId,
    Guid SourceId,
    string SourceName,
    string SourceUrl,
    string SourceIdentifier,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset LastChangedAt,
    DateTimeOffset? SourceModified,
    bool EditedLocally,
    bool SourceChangedSinceEdit,
    bool GoneFromSource);

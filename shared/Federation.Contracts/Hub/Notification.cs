namespace Federation.Contracts.Hub;

/// <summary>A decision of some hub about something the member asked for, as the member reads it at home.</summary>
public sealed record Notification(
    Guid Id,
    string FromHub,
    string Subject,
    string Decision,
    Guid ResourceId,
    string ResourceTitle,
    string? Reason,
    DateTimeOffset? AccessUntil,
    string? Contact,
    DateTimeOffset DecidedAt,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? ReadAt);

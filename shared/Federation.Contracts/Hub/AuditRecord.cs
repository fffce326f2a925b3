namespace Federation.Contracts.Hub;

/// <summary>One line of the audit log as staff read and export it.</summary>
public sealed record AuditRecord(
    long Id,
    DateTimeOffset OccurredAt,
    string Action,
    string Outcome,
    string ActorKind,
    string? ActorSubject,
    string? ActorHub,
    string? ActorName,
    Guid? ResourceId,
    string? Target,
    int? Status,
    IReadOnlyDictionary<string, string?> Details,
    string? TraceId);

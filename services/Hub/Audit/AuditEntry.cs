namespace Federation.Hub.Audit;

/// <summary>One thing that happened at this hub, as it goes into the append-only audit log.</summary>
public sealed record AuditEntry(
    string Action,
    string Outcome,
    AuditActor Actor,
    Guid? ResourceId = null,
    string? Target = null,
    int? Status = null,
    IReadOnlyDictionary<string, string?>? Details = null);

namespace Federation.Contracts.Hub;

/// <summary>
/// One page of the audit log (GET /audit), newest first; <see cref="Next"/> is the id to pass as <c>after</c> for the
/// page after it, or null on the last page.
/// </summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Items, long? Next);

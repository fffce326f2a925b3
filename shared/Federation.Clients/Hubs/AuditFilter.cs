using System.Globalization;
using Federation.Clients.Results;

namespace Federation.Clients.Hubs;

/// <summary>The filters of the hub's audit log (GET /audit and /audit/export); <see cref="After"/> pages on.</summary>
public sealed record AuditFilter(
    string? Action = null, string? ActorHub = null, Guid? ResourceId = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    string? Outcome = null, long? After = null, int? Limit = null)
{
    internal string ToQuery() => JsonApi.Query(
        ("action", Action), ("actorHub", ActorHub), ("resourceId", ResourceId?.ToString()), ("from", From?.ToString("O", CultureInfo.InvariantCulture)),
        ("to", To?.ToString("O", CultureInfo.InvariantCulture)), ("outcome", Outcome), ("after", After?.ToString(CultureInfo.InvariantCulture)),
        ("limit", Limit?.ToString(CultureInfo.InvariantCulture)));
}

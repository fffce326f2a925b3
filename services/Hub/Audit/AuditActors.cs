using System.Security.Claims;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Authorization;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Audit;

/// <summary>Names the caller of a request as the audit log records them, relative to this hub.</summary>
public sealed class AuditActors(IOptions<HubOptions> hub)
{
    public AuditActor Of(ClaimsPrincipal user) => AuditActor.Of(CallerIdentity.From(user), hub.Value.Id);
}

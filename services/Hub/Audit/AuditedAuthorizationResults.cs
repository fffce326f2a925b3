using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Federation.Hub.Audit;

/// <summary>
/// Every request the authorization middleware turns away (401: no valid token of this hub; 403: a token without the
/// right role or home) leaves an audit record at this hub, then gets the usual challenge or refusal, answered as
/// problem details by the status-code pages. Nothing else happens for it.
/// </summary>
public sealed class AuditedAuthorizationResults(AuditLog audit, AuditActors actors) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged || authorizeResult.Forbidden)
        {
            var status = authorizeResult.Challenged ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
            var failed = authorizeResult.AuthorizationFailure?.FailedRequirements.Select(requirement => requirement.ToString()).FirstOrDefault();
            await audit.AppendAsync(new AuditEntry("request.refused", "refused", actors.Of(context.User), Status: status,
                Target: $"{context.Request.Method} {context.Request.Path}",
                Details: new Dictionary<string, string?> { ["requirement"] = failed }), context.RequestAborted);
        }

        await standard.HandleAsync(next, context, policy, authorizeResult);
    }
}

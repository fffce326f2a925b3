using Federation.Authority.Members;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Federation.Authority.Statements;

/// <summary>
/// What anyone may read, as OpenID Federation 1.0 names it: the authority's entity configuration (its keys) at
/// <c>/.well-known/openid-federation</c>, the entity ids of the active members at <c>/list</c>, and the signed
/// statement about one of them at <c>/fetch?sub=</c>. A suspended or removed member has no statement.
/// </summary>
public static class StatementEndpoints
{
    public const string MediaType = "application/entity-statement+jwt";

    public static IEndpointRouteBuilder MapStatements(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/openid-federation", (StatementIssuer issuer) => Results.Text(issuer.OwnConfiguration(), MediaType)).WithTags("Federation");
        app.MapGet("/list", async (MemberStore members, CancellationToken cancellationToken) =>
            TypedResults.Ok((await members.ListAsync(cancellationToken)).Where(member => member.State == Contracts.Authority.MemberState.Active)
                .Select(member => member.EntityId.AbsoluteUri.TrimEnd('/')).ToList())).WithTags("Federation");
        app.MapGet("/fetch", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string? sub, MemberStore members, StatementIssuer issuer, CancellationToken cancellationToken) =>
        {
            if (!Uri.TryCreate(sub, UriKind.Absolute, out var subject))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "One or more validation errors occurred.",
                    detail: "'sub' must be the entity id (an absolute URL) of a member.",
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["sub"] = ["'sub' must be the entity id (an absolute URL) of a member."] } });
            }

            return await members.FindActiveByEntityAsync(subject, cancellationToken) is { } member
                ? TypedResults.Text(issuer.About(member), MediaType)
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"{subject} is not an active member of the federation.");
        }).WithTags("Federation");
        return app;
    }
}

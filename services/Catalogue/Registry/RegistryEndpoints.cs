using Federation.Contracts.Catalogue;
using Federation.Catalogue.Sync;
using Federation.ServiceDefaults.Membership;
using Federation.Trust;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Federation.Catalogue.Registry;

public static class RegistryEndpoints
{
    public static WebApplicationBuilder AddRegistry(this WebApplicationBuilder builder)
    {
        // Which hubs are members is the authority's word, read and verified here; the broker has no say in it.
        builder.AddFederationMembership();
        builder.Services.AddSingleton<IMembershipStore, StoredMembership>();
        return builder;
    }

    /// <summary>
    /// GET /hubs and /hubs/{id}: the federation's hubs, their addresses, and how fresh the catalogue is for each; and
    /// GET /federation/trust-list, the issuers every hub trusts.
    /// </summary>
    public static IEndpointRouteBuilder MapRegistry(this IEndpointRouteBuilder app)
    {
        var hubs = app.MapGroup("/hubs").WithTags("Hub registry");
        hubs.MapGet("/", async (IQuerySession session, FederationMembers members, IOptions<SyncOptions> options, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var records = await session.Query<HubRecord>().OrderBy(h => h.Id).ToListAsync(cancellationToken);
            return TypedResults.Ok(records.Select(h => HubStatuses.Of(h, clock.GetUtcNow(), options.Value.HubSilentAfter, KindOf(members, h.Id))).ToList());
        });
        hubs.MapGet("/{id}", async Task<Results<Ok<HubStatus>, ProblemHttpResult>> (
            string id, IQuerySession session, FederationMembers members, IOptions<SyncOptions> options, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var record = await session.LoadAsync<HubRecord>(id, cancellationToken);
            return record is null
                ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No hub '{id}' has announced itself to the catalogue.")
                : TypedResults.Ok(HubStatuses.Of(record, clock.GetUtcNow(), options.Value.HubSilentAfter, KindOf(members, record.Id)));
        });
        app.MapGet("/federation/trust-list", (HttpContext http, FederationMembers members) =>
        {
            var trustList = TrustList.From(members.Directory, members.Trusted);
            var etag = $"\"{trustList.Version}\"";
            http.Response.Headers.CacheControl = "no-cache";
            if (http.Request.Headers.IfNoneMatch.Contains(etag))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            http.Response.Headers.ETag = etag;
            return Results.Ok(trustList);
        }).WithTags("Hub registry");
        return app;
    }

    // Only the authority's statement says what a member is; one it does not vouch for now is shown as a hub.
    private static string KindOf(FederationMembers members, string id) => members.Find(id)?.Member.Kind ?? MemberMetadata.HubKind;
}

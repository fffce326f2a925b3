using Federation.Catalogue.Sync;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Federation.Catalogue.Registry;

public static class RegistryEndpoints
{
    /// <summary>GET /hubs and /hubs/{id}: the federation's hubs, their addresses, and how fresh the catalogue is for each.</summary>
    public static IEndpointRouteBuilder MapRegistry(this IEndpointRouteBuilder app)
    {
        var hubs = app.MapGroup("/hubs").WithTags("Hub registry");
        hubs.MapGet("/", async (IQuerySession session, IOptions<SyncOptions> options, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var records = await session.Query<HubRecord>().OrderBy(h => h.Id).ToListAsync(cancellationToken);
            return TypedResults.Ok(records.Select(h => HubStatus.Of(h, clock.GetUtcNow(), options.Value.HubSilentAfter)).ToList());
        });
        hubs.MapGet("/{id}", async Task<Results<Ok<HubStatus>, ProblemHttpResult>> (string id, IQuerySession session, IOptions<SyncOptions> options, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var record = await session.LoadAsync<HubRecord>(id, cancellationToken);
            return record is null
                ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No hub '{id}' has announced itself to the catalogue.")
                : TypedResults.Ok(HubStatus.Of(record, clock.GetUtcNow(), options.Value.HubSilentAfter));
        });
        return app;
    }
}

using Federation.Contracts.History;
using Microsoft.AspNetCore.Authorization;

namespace Federation.Hub.Resources;

/// <summary>
/// A resource's history: its versions (GET /resources/{id}/versions), one version whole (…/versions/{n}), and what
/// changed between any two (…/versions/{from}/changes/{to}). Staff see every version with who made it; anyone else
/// the versions the federation saw, of a resource that was ever published.
/// </summary>
public static class VersionEndpoints
{
    public static IEndpointRouteBuilder MapResourceVersions(this IEndpointRouteBuilder app)
    {
        var versions = app.MapGroup("/resources/{id:guid}/versions").WithTags("Resources");
        versions.MapGet("/", async (Guid id, HttpContext http, IGrainFactory grains, ResourceHistory history, IAuthorizationService authorization,
            CancellationToken cancellationToken) =>
        {
            var staff = await IsStaffAsync(http, authorization);
            if (!await IsVisibleAsync(id, staff, grains))
            {
                return NotFound(id);
            }

            return Results.Ok(await history.ListAsync(id, staff, cancellationToken));
        });
        versions.MapGet("/{version:int}", async (Guid id, int version, HttpContext http, IGrainFactory grains, ResourceHistory history,
            IAuthorizationService authorization, CancellationToken cancellationToken) =>
        {
            var staff = await IsStaffAsync(http, authorization);
            return await IsVisibleAsync(id, staff, grains) && await history.FindAsync(id, version, staff, cancellationToken) is { } snapshot
                ? Results.Ok(snapshot)
                : NotFound(id, version);
        });
        versions.MapGet("/{from:int}/changes/{to:int}", async (Guid id, int from, int to, HttpContext http, IGrainFactory grains, ResourceHistory history,
            IAuthorizationService authorization, CancellationToken cancellationToken) =>
        {
            var staff = await IsStaffAsync(http, authorization);
            if (!await IsVisibleAsync(id, staff, grains))
            {
                return NotFound(id);
            }

            var before = await history.FindAsync(id, from, staff, cancellationToken);
            var after = await history.FindAsync(id, to, staff, cancellationToken);
            return before is null ? NotFound(id, from)
                : after is null ? NotFound(id, to)
                : Results.Ok(new ResourceVersionChanges(id, from, to, SnapshotChanges.Between(before, after)));
        });
        return app;
    }

    private static async Task<bool> IsVisibleAsync(Guid id, bool staff, IGrainFactory grains) =>
        ResourceVisibility.IsVisible(await grains.GetGrain<IResourceGrain>(id).Get(), staff);

    private static Task<bool> IsStaffAsync(HttpContext http, IAuthorizationService authorization) => ResourceVisibility.IsStaffAsync(http, authorization);

    private static IResult NotFound(Guid id, int? version = null) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
        detail: version is null ? $"There is no resource {id} at this hub." : $"Resource {id} has no version {version} you may see.");
}

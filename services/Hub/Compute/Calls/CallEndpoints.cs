using Federation.Contracts.Compute;
using Federation.Hub.Access;
using Federation.Hub.Audit;
using Federation.Hub.Compute.Accounting;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Authorization;
using Federation.Hub.Resources;
using Federation.Hub.Resources.Metadata;
using Federation.Hub.Writes;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Compute.Calls;

/// <summary>
/// A facility's calls: anyone reads them (GET /calls, /calls/{id}), for the portal, the CLI and the hubs that check
/// an application against them; the facility's staff open and close them. Every opening and closing is audited.
/// </summary>
public static class CallEndpoints
{
    public static IEndpointRouteBuilder MapCalls(this IEndpointRouteBuilder app)
    {
        var calls = app.MapGroup("/calls").WithTags("Compute calls");
        calls.MapGet("/", async (string? state, CallStore store, IOptions<HubOptions> hub, TimeProvider clock, CancellationToken cancellationToken) =>
            state is not (null or "open" or "closed" or "all")
                ? Problems.Invalid("state", "Use open, closed or all.")
                : (IResult)TypedResults.Ok(await store.ListAsync(state switch { "closed" => false, "all" => null, _ => true }, clock.GetUtcNow(), hub.Value.Id, cancellationToken)));
        calls.MapGet("/{id:guid}", async (Guid id, CallStore store, IOptions<HubOptions> hub, CancellationToken cancellationToken) =>
            await store.FindAsync(id, hub.Value.Id, cancellationToken) is { } call
                ? (IResult)TypedResults.Ok(call)
                : Problems.NotFound($"This facility has no call {id}."));
        calls.MapPost("/", OpenAsync).RequireAuthorization(HubAuthorization.Staff);
        calls.MapPost("/{id:guid}/close", CloseAsync).RequireAuthorization(HubAuthorization.Staff);
        return app;
    }

    private static async Task<IResult> OpenAsync(
        CallInput? input, IGrainFactory grains, HubWrites writes, AuditActors actors, IOptions<HubOptions> hub, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (input is null)
        {
            return Problems.Invalid("body", "Send the call as JSON.");
        }

        var offer = input.OfferId is { } offerId ? await grains.GetGrain<IResourceGrain>(offerId).Get() : null;
        var errors = new FieldErrors();
        var actor = actors.Of(http.User);
        var call = CallValidator.Validate(input, offer, hub.Value.Id, Guid.CreateVersion7(), clock.GetUtcNow(), errors);
        if (call is null)
        {
            return TypedResults.ValidationProblem(errors.ByField);
        }

        await using var work = await writes.BeginAsync(cancellationToken);
        await CallStore.InsertAsync(call, actor.Describe(), work, cancellationToken);
        await Ledger.AddAsync(call.OpenedAt, [("all", "all"), ("accessMode", call.AccessMode)], [(Ledger.Offered, call.CapacityHours)], work, cancellationToken);
        await work.AuditAsync(new AuditEntry("call.opened", "done", actor, call.OfferId, call.Id.ToString(), Details: new Dictionary<string, string?>
        {
            ["title"] = call.Title, ["accessMode"] = call.AccessMode, ["capacityHours"] = call.CapacityHours.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["deadline"] = call.Deadline.ToString("O"),
        }), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return TypedResults.Created($"/calls/{call.Id}", call);
    }

    private static async Task<IResult> CloseAsync(
        Guid id, CallStore store, HubWrites writes, AuditActors actors, IOptions<HubOptions> hub, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var actor = actors.Of(http.User);
        await using var work = await writes.BeginAsync(cancellationToken);
        if (await CallStore.LockAsync(id, hub.Value.Id, work, cancellationToken) is null)
        {
            return Problems.NotFound($"This facility has no call {id}.");
        }

        if (!await CallStore.CloseAsync(id, clock.GetUtcNow(), work, cancellationToken))
        {
            return Problems.Conflict("The call is closed already.");
        }

        await work.AuditAsync(new AuditEntry("call.closed", "done", actor, null, id.ToString()), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return TypedResults.Ok(await store.FindAsync(id, hub.Value.Id, cancellationToken));
    }
}

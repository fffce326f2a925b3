using System.Globalization;
using System.Security.Claims;
using Federation.Contracts;
using Federation.Contracts.Hub;
using Federation.Hub.Audit;
using Federation.Hub.Identity.Authorization;
using Federation.Hub.Resources.Import;
using Federation.Hub.Resources.Metadata;
using Federation.Contracts.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Federation.Hub.Hosting;

namespace Federation.Hub.Resources;

/// <summary>The hub staff's API: create a draft, edit, publish, withdraw; and reads for everyone.</summary>
public static class ResourceEndpoints
{
    public static IEndpointRouteBuilder MapResources(this IEndpointRouteBuilder app)
    {
        var resources = app.MapGroup("/resources").WithTags("Resources");
        resources.MapGet("/", List);
        resources.MapGet("/{id:guid}", Get);
        var writes = resources.MapGroup("/").RequireAuthorization(HubAuthorization.Staff);
        writes.MapPost("/", Create);
        writes.MapPost("/validate", Validate);
        writes.MapPut("/{id:guid}", Update);
        writes.MapPost("/{id:guid}/publish", Publish);
        writes.MapPost("/{id:guid}/withdraw", Withdraw);
        app.MapImports();
        app.MapResourceVersions();
        return app;
    }

    private static async Task<Results<Ok<ResourceList>, ValidationProblem>> List(
        [FromQuery] string? kind, [FromQuery] string? state, [FromQuery] int? page, [FromQuery] int? pageSize, [FromQuery] string? identifier,
        HttpContext http, ResourceQueries queries, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        ResourceKind? kindFilter = null;
        if (kind is not null)
        {
            if (WireNames.TryParseWireName<ResourceKind>(kind, out var parsed))
            {
                kindFilter = parsed;
            }
            else
            {
                errors["kind"] = [$"Unknown kind '{kind}': use dataset, model or expertise."];
            }
        }

        var isStaff = await IsStaffAsync(http, authorization);
        ResourceState[] states = isStaff ? Enum.GetValues<ResourceState>() : [ResourceState.Published];
        if (state is not null)
        {
            if (WireNames.TryParseWireName<ResourceState>(state, out var chosen))
            {
                states = [.. states.Where(s => s == chosen)];
            }
            else
            {
                errors["state"] = [$"Unknown state '{state}': use draft, published or withdrawn."];
            }
        }

        if (page is < 1 or > 100_000)
        {
            errors["page"] = ["'page' counts from 1 and may be at most 100000."];
        }

        if (pageSize is < 1 or > 200)
        {
            errors["pageSize"] = ["'pageSize' must be between 1 and 200."];
        }

        if (identifier is { Length: > ResourceValidator.IdentifierMax })
        {
            errors["identifier"] = [$"'identifier' has at most {ResourceValidator.IdentifierMax} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var list = await queries.ListAsync(states, kindFilter, page ?? 1, pageSize ?? 50, cancellationToken, identifier?.Trim());
        return TypedResults.Ok(isStaff ? list : list with { Items = [.. list.Items.Select(resource => resource.ForFederation())] });
    }

    private static async Task<Results<Ok<ResourceSnapshot>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, IGrainFactory grains, IAuthorizationService authorization)
    {
        var resource = await grains.GetGrain<IResourceGrain>(id).Get();
        // Drafts are the staff's business, and so is a draft withdrawn before it was ever published: to anyone
        // else they do not exist.
        var staff = await IsStaffAsync(http, authorization);
        if (resource is null || !ResourceVisibility.IsVisible(resource, staff))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no resource {id} at this hub.");
        }

        http.Response.Headers.ETag = ETagOf(resource.Version);
        return TypedResults.Ok(staff ? resource : resource.ForFederation());
    }

    private static async Task<IResult> Create(
        ResourceInput input, IOptions<HubOptions> hub, IGrainFactory grains, TrainingLinkCheck links, AuditActors actors, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        var actor = actors.Of(user);
        var key = http.Request.Headers[IdempotentCreate.Header].ToString();
        if (key.Length > 0 && !IdempotentCreate.IsWellFormed(key))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [IdempotentCreate.Header] = ["Use 1 to 200 visible ASCII characters, such as a UUID."],
            });
        }

        var grain = grains.GetGrain<IResourceGrain>(key.Length == 0 ? Guid.CreateVersion7() : IdempotentCreate.IdFor($"{actor.HomeHub}:{actor.Subject}", key));
        // A repeat is answered with what the first attempt made before anything is checked again: the checks may
        // answer differently now (a linked dataset withdrawn since), and the resource exists all the same.
        if (key.Length > 0 && await grain.Get() is { } earlier)
        {
            return Replayed(earlier, http);
        }

        var (content, errors) = ResourceValidator.Validate(input, hub.Value.Kind);
        if (content is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        (content, var linkErrors) = await links.CheckAsync(content, cancellationToken);
        if (linkErrors.Count > 0)
        {
            return TypedResults.ValidationProblem(linkErrors);
        }

        var outcome = await grain.CreateDraft(content, actor);
        // Two repeats at the same moment: the one that lost the race answers like a later repeat.
        return key.Length > 0 && outcome.Status != OutcomeStatus.Ok && outcome.Resource is { } first
            ? Replayed(first, http)
            : ToResult(outcome, http, created: true);
    }

    /// <summary>The resource a create with this Idempotency-Key made, as it is now, marked as a replay.</summary>
    private static IResult Replayed(ResourceSnapshot resource, HttpContext http)
    {
        http.Response.Headers["Idempotent-Replayed"] = "true";
        http.Response.Headers.ETag = ETagOf(resource.Version);
        http.Response.Headers.Location = $"/resources/{resource.Id}";
        return TypedResults.Ok(resource);
    }

    /// <summary>
    /// POST /resources/validate: the checks of a create (fields, vocabularies, training links), and nothing stored —
    /// for a dry run of a bulk import, and for forms that check before they send.
    /// </summary>
    private static async Task<IResult> Validate(ResourceInput input, IOptions<HubOptions> hub, TrainingLinkCheck links, CancellationToken cancellationToken)
    {
        var (content, errors) = ResourceValidator.Validate(input, hub.Value.Kind);
        if (content is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return (await links.CheckAsync(content, cancellationToken)).Errors is { Count: > 0 } linkErrors
            ? TypedResults.ValidationProblem(linkErrors)
            : TypedResults.Ok(new ResourceValidity(true));
    }

    private static async Task<IResult> Update(
        Guid id, ResourceInput input, IOptions<HubOptions> hub, IGrainFactory grains, TrainingLinkCheck links, AuditActors actors, ClaimsPrincipal user, HttpContext http,
        CancellationToken cancellationToken)
    {
        var (content, errors) = ResourceValidator.Validate(input, hub.Value.Kind);
        if (content is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        (content, var linkErrors) = await links.CheckAsync(content, cancellationToken);
        if (linkErrors.Count > 0)
        {
            return TypedResults.ValidationProblem(linkErrors);
        }

        if (!TryReadIfMatch(http, out var expected))
        {
            return IfMatchProblem();
        }

        return ToResult(await grains.GetGrain<IResourceGrain>(id).Update(content, expected, actors.Of(user)), http);
    }

    private static async Task<IResult> Publish(Guid id, IGrainFactory grains, AuditActors actors, ClaimsPrincipal user, HttpContext http)
    {
        if (!TryReadIfMatch(http, out var expected))
        {
            return IfMatchProblem();
        }

        return ToResult(await grains.GetGrain<IResourceGrain>(id).Publish(expected, actors.Of(user)), http);
    }

    private static async Task<IResult> Withdraw(Guid id, WithdrawalInput? input, IGrainFactory grains, AuditActors actors, ClaimsPrincipal user, HttpContext http)
    {
        var reason = input?.Reason?.Trim();
        if (reason is { Length: > 1000 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["'reason' may have at most 1000 characters."] });
        }

        if (!TryReadIfMatch(http, out var expected))
        {
            return IfMatchProblem();
        }

        return ToResult(await grains.GetGrain<IResourceGrain>(id).Withdraw(string.IsNullOrEmpty(reason) ? null : reason, expected, actors.Of(user)), http);
    }

    private static IResult ToResult(ResourceOutcome outcome, HttpContext http, bool created = false)
    {
        switch (outcome.Status)
        {
            case OutcomeStatus.Ok:
                http.Response.Headers.ETag = ETagOf(outcome.Resource!.Version);
                return created ? TypedResults.Created($"/resources/{outcome.Resource.Id}", outcome.Resource) : TypedResults.Ok(outcome.Resource);
            case OutcomeStatus.NotFound:
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: outcome.Problem);
            case OutcomeStatus.VersionMismatch:
                return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The resource has changed", detail: outcome.Problem,
                    extensions: new Dictionary<string, object?> { ["currentVersion"] = outcome.Resource?.Version });
            default:
                var extensions = new Dictionary<string, object?> { ["state"] = outcome.Resource?.State.ToWireName() };
                if (outcome.Field is not null)
                {
                    extensions["errors"] = new Dictionary<string, string[]> { [outcome.Field] = [outcome.Problem!] };
                }

                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not allowed in the resource's current state", detail: outcome.Problem, extensions: extensions);
        }
    }

    // If-Match: "3" (or W/"3", or 3) makes a write conditional on the version the client last saw.
    internal static bool TryReadIfMatch(HttpContext http, out int? expected)
    {
        expected = null;
        var header = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header == "*")
        {
            return true;
        }

        var raw = header.Trim().Replace("W/", "", StringComparison.Ordinal).Trim('"');
        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            expected = version;
            return true;
        }

        return false;
    }

    internal static ProblemHttpResult IfMatchProblem() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, title: "Invalid If-Match",
        detail: "If-Match must hold the version the change is based on, as the ETag gave it: \"3\".",
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["If-Match"] = ["Expected a version such as \"3\"."] } });

    private static string ETagOf(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    private static Task<bool> IsStaffAsync(HttpContext http, IAuthorizationService authorization) => ResourceVisibility.IsStaffAsync(http, authorization);
}

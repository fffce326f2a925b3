using Federation.Contracts.Hub;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Federation.Contracts;
using Federation.Hub.Access;
using Federation.Hub.Access.Policies;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Authorization;
using Federation.Hub.Resources;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Federation.Hub.Writes;
using Microsoft.Net.Http.Headers;

namespace Federation.Hub.Artifacts;

/// <summary>
/// Files of datasets and models. Staff upload them (streamed, hashed on the way, size-limited); everyone else gets
/// them only through this hub, which checks the access policy and a live grant on every request, range requests
/// included, and records every download.
/// </summary>
public static partial class ArtifactEndpoints
{
    public static IEndpointRouteBuilder MapArtifacts(this IEndpointRouteBuilder app)
    {
        var artifacts = app.MapGroup("/resources/{id:guid}/artifacts").WithTags("Artifacts");
        artifacts.MapPut("/{fileName}", UploadAsync).RequireAuthorization(HubAuthorization.Staff);
        artifacts.MapGet("/", ListAsync);
        artifacts.MapMethods("/{artifactId:guid}", [HttpMethods.Get, HttpMethods.Head], DownloadAsync);
        return app;
    }

    private static async Task<IResult> UploadAsync(
        Guid id, string fileName, HttpContext http, IGrainFactory grains, IArtifactStore store, ArtifactRecords records,
        AuditActors actors, IOptions<ArtifactOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!SafeFileName().IsMatch(fileName) || fileName.Contains("..", StringComparison.Ordinal))
        {
            return Problems.Invalid("fileName", "A file name of 1 to 200 letters, digits, '.', '-', '_' or spaces, without '..'.");
        }

        var mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";
        if (!MediaTypePattern().IsMatch(mediaType))
        {
            return Problems.Invalid("Content-Type", "Send the file's media type as Content-Type, such as text/csv or application/octet-stream.");
        }

        var limit = options.Value.MaxBytes;
        if (http.Request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        var resource = await grains.GetGrain<IResourceGrain>(id).Get();
        if (resource is null)
        {
            return Problems.NotFound($"There is no resource {id} at this hub.");
        }

        if (resource.Kind is ResourceKind.Expertise or ResourceKind.Compute || resource.State == ResourceState.Withdrawn)
        {
            return Problems.Conflict("Files belong to datasets and models that are not withdrawn.");
        }

        // The API's small body limit is lifted for this endpoint only, up to the configured artifact size.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limit;
        }

        var artifactId = Guid.CreateVersion7();
        var key = $"{id:N}/{artifactId:N}";
        await using var upload = await store.BeginUploadAsync(key, cancellationToken);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long size = 0;
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            size += read;
            if (size > limit)
            {
                return TooLarge(limit);
            }

            sha256.AppendData(buffer, 0, read);
            await upload.Content.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        await upload.CommitAsync(cancellationToken);
        var actor = actors.Of(http.User);
        var artifact = new Artifact(artifactId, id, fileName, mediaType, size, Convert.ToHexStringLower(sha256.GetHashAndReset()), actor.Describe(), clock.GetUtcNow());
        try
        {
            await records.RecordUploadAsync(artifact, key, actor, cancellationToken);
        }
        catch (CommitOutcomeUnknownException)
        {
            // The record may have been committed: keep the file. A file nobody lists only takes space; a listed file
            // that is gone would be a broken download.
            throw;
        }
        catch
        {
            // No record, no file: an upload that could not be recorded leaves nothing behind.
            await store.DeleteAsync(key, CancellationToken.None);
            throw;
        }

        return TypedResults.Created($"/resources/{id}/artifacts/{artifactId}", artifact);
    }

    private static async Task<IResult> ListAsync(
        Guid id, HttpContext http, IGrainFactory grains, AccessEvaluator access, ArtifactRecords records, AuditLog audit, AuditActors actors, CancellationToken cancellationToken)
    {
        var (resource, refusal) = await AuthoriseAsync(id, "artifacts.listed", http, grains, access, audit, actors, cancellationToken);
        return refusal ?? TypedResults.Ok(await records.ListAsync(resource!.Id, cancellationToken));
    }

    private static async Task<IResult> DownloadAsync(
        Guid id, Guid artifactId, HttpContext http, IGrainFactory grains, AccessEvaluator access, ArtifactRecords records,
        IArtifactStore store, AuditLog audit, AuditActors actors, HubTelemetry telemetry, CancellationToken cancellationToken)
    {
        var (_, refusal) = await AuthoriseAsync(id, "artifact.downloaded", http, grains, access, audit, actors, cancellationToken, artifactId);
        if (refusal is not null)
        {
            telemetry.Download(served: false);
            return refusal;
        }

        if (await records.FindAsync(id, artifactId, cancellationToken) is not { } found)
        {
            telemetry.Download(served: false);
            return Problems.NotFound($"Resource {id} has no file {artifactId}.");
        }

        var (artifact, key) = found;
        await audit.AppendAsync(new AuditEntry("artifact.downloaded", "allowed", actors.Of(http.User), id, artifactId.ToString(), StatusCodes.Status200OK,
            new Dictionary<string, string?> { ["range"] = http.Request.Headers.Range.ToString() is { Length: > 0 } range ? range : null, ["method"] = http.Request.Method }),
            cancellationToken);
        http.Response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(artifact.Sha256))}:";
        var stream = await store.OpenReadAsync(key, cancellationToken);
        telemetry.Download(served: true);
        return TypedResults.File(stream, artifact.MediaType, artifact.FileName, artifact.UploadedAt,
            new EntityTagHeaderValue($"\"{artifact.Sha256}\""), enableRangeProcessing: true);
    }

    /// <summary>The access check of every protected read; a refusal is answered and audited, nothing else happens.</summary>
    private static async Task<(ResourceSnapshot? Resource, IResult? Refusal)> AuthoriseAsync(
        Guid id, string action, HttpContext http, IGrainFactory grains, AccessEvaluator access, AuditLog audit, AuditActors actors,
        CancellationToken cancellationToken, Guid? artifactId = null)
    {
        var resource = await grains.GetGrain<IResourceGrain>(id).Get();
        var caller = CallerIdentity.From(http.User);
        var decision = resource is null ? AccessDecision.Deny("not found") : await access.EvaluateAsync(resource, caller, cancellationToken);
        if (decision.Allowed)
        {
            return (resource, null);
        }

        var status = resource is null || (resource.PublishedAt is null && caller is null) ? StatusCodes.Status404NotFound
            : caller is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
        await audit.AppendAsync(new AuditEntry(action, "refused", actors.Of(http.User), resource?.Id, artifactId?.ToString(), status,
            new Dictionary<string, string?> { ["reason"] = decision.Reason }), cancellationToken);
        return (resource, status switch
        {
            StatusCodes.Status404NotFound => Problems.NotFound($"There is no resource {id} at this hub."),
            StatusCodes.Status401Unauthorized => TypedResults.Problem(statusCode: status, title: "Sign in first", detail: decision.Reason),
            _ => Problems.Forbidden(decision.Reason),
        });
    }

    private static IResult TooLarge(long limit) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large", detail: $"Files may have at most {limit} bytes.",
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["body"] = [$"At most {limit} bytes."] } });

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$")]
    private static partial Regex SafeFileName();

    [GeneratedRegex("^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$")]
    private static partial Regex MediaTypePattern();
}

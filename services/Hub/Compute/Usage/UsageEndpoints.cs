using System.Text;
using Dapper;
using Federation.Contracts.Compute;
using Federation.Hub.Access;
using Federation.Hub.Audit;
using Federation.Hub.Identity.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Federation.Hub.Compute.Usage;

/// <summary>
/// A facility's staff import its scheduler's accounting (POST /usage, the text of <c>sacct --parsable2</c>; with
/// <c>dryRun=true</c> it is checked and summed, and nothing is kept), and see each allocation's use (GET /allocations).
/// </summary>
public static class UsageEndpoints
{
    /// <summary>The most one request may carry; the CLI sends a large file in parts of fewer lines.</summary>
    public const long MostBytes = 64 * 1024 * 1024;

    public static IEndpointRouteBuilder MapUsage(this IEndpointRouteBuilder app)
    {
        app.MapPost("/usage", ImportAsync).WithTags("Compute usage").RequireAuthorization(HubAuthorization.Staff).WithMetadata(new RequestSizeLimitAttribute(MostBytes));
        app.MapGet("/allocations", async (NpgsqlDataSource database, CancellationToken cancellationToken) =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            var rows = await connection.QueryAsync<FacilityAllocation>(new CommandDefinition("""
                SELECT id AS AllocationId, application_id AS ApplicationId, call_id AS CallId, hub_id AS HubId, account AS Account, partition AS Partition,
                       hours AS Hours, used_hours AS UsedHours, energy_kwh AS EnergyKwh, jobs AS Jobs, starts_on::text AS Starts, ends_on::text AS Ends
                  FROM compute_allocations ORDER BY awarded_at DESC LIMIT 5000
                """, cancellationToken: cancellationToken));
            return TypedResults.Ok(rows);
        }).WithTags("Compute usage").RequireAuthorization(HubAuthorization.Staff);
        return app;
    }

    private static async Task<IResult> ImportAsync(HttpContext http, bool? dryRun, UsageImport import, AuditActors actors, CancellationToken cancellationToken)
    {
        if (http.Request.ContentType is not { } type || !type.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Invalid("body", "Send the output of 'sacct --parsable2' as text/plain.");
        }

        using var body = new StreamReader(http.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var (summary, errors) = await import.ImportAsync(body, dryRun ?? false, actors.Of(http.User), cancellationToken);
        return summary is null ? TypedResults.ValidationProblem(errors.ByField, detail: "Nothing was imported.") : TypedResults.Ok(summary);
    }
}

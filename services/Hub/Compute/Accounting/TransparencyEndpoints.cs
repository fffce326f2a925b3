using System.Globalization;
using System.Text;
using Federation.Contracts;
using Federation.Contracts.Compute;
using Federation.Hub.Hosting;
using Federation.Hub.Resources;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Federation.Hub.Compute.Accounting;

/// <summary>
/// The facility's open accounting for anyone: accelerator-hours offered, awarded and used, applications and
/// decisions (and the days they took), energy used and waste heat reused, per month and per hub, province,
/// organisation type, sector, access mode and (with their consent) organisation. As JSON (GET /transparency) and CSV
/// (GET /transparency.csv). Read from the running amounts the ledger keeps, never summed from raw records.
/// </summary>
public static class TransparencyEndpoints
{
    public static IEndpointRouteBuilder MapTransparency(this IEndpointRouteBuilder app)
    {
        app.MapGet("/transparency", async (NpgsqlDataSource database, IGrainFactory grains, IOptions<HubOptions> hub, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            // Named only while published: a withdrawn or not yet published description is no link to follow.
            var described = TransparencyDataset.IdOf(hub.Value.Id);
            var published = await grains.GetGrain<IResourceGrain>(described).Get() is { State: ResourceState.Published };
            return TypedResults.Ok(new FacilityAccounting(hub.Value.Id, clock.GetUtcNow(), await ReadAsync(database, cancellationToken), published ? described : null));
        }).WithTags("Open accounting");
        app.MapGet("/transparency.csv", async (NpgsqlDataSource database, CancellationToken cancellationToken) =>
        {
            var csv = new StringBuilder("month,dimension,value,measure,amount\n");
            foreach (var row in await ReadAsync(database, cancellationToken))
            {
                csv.Append(row.Month).Append(',').Append(Cell(row.Dimension)).Append(',').Append(Cell(row.Value)).Append(',').Append(row.Measure).Append(',')
                    .Append(row.Amount.ToString("0.###", CultureInfo.InvariantCulture)).Append('\n');
            }

            return Results.Text(csv.ToString(), "text/csv; charset=utf-8");
        }).WithTags("Open accounting");
        return app;
    }

    private static async Task<List<AccountingRow>> ReadAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT to_char(month, 'YYYY-MM'), dimension, value, measure, amount FROM compute_ledger ORDER BY month, dimension, value, measure");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<AccountingRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AccountingRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDecimal(4)));
        }

        return rows;
    }

    // Quoted when it holds a comma, quote or line break; a leading = + - @ tab or return is kept from being read as a formula.
    private static string Cell(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}

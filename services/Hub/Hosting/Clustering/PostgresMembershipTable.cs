using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;

namespace Federation.Hub.Hosting.Clustering;

/// <summary>
/// Orleans' membership table on the hub's PostgreSQL database, so that several silos of one hub form one cluster
/// with nothing else to run. Every change to a silo's row also moves the cluster's version row on, and both succeed
/// only if nobody else changed them since they were read: that compare-and-swap is what the membership protocol
/// needs from its table. The version number doubles as its etag; a row's etag is its own counter.
/// </summary>
internal sealed class PostgresMembershipTable(NpgsqlDataSource database, IOptions<ClusterOptions> cluster) : IMembershipTable
{
    private string ClusterId => cluster.Value.ClusterId;

    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        if (!tryInitTableVersion)
        {
            return;
        }

        await using var command = database.CreateCommand("INSERT INTO hub_cluster (cluster_id, version) VALUES ($1, 0) ON CONFLICT DO NOTHING");
        command.Parameters.AddWithValue(ClusterId);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        await using var command = database.CreateCommand("DELETE FROM hub_cluster WHERE cluster_id = $1");
        command.Parameters.AddWithValue(clusterId);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Forgets silos that are not active and have not said they were alive since <paramref name="beforeDate"/>.</summary>
    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        await using var command = database.CreateCommand("""
            DELETE FROM hub_cluster_silos WHERE cluster_id = $1 AND i_am_alive_at < $2 AND status <> $3
            """);
        command.Parameters.AddWithValue(ClusterId);
        command.Parameters.AddWithValue(beforeDate.UtcDateTime);
        command.Parameters.AddWithValue((int)SiloStatus.Active);
        await command.ExecuteNonQueryAsync();
    }

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadAsync(key);

    public Task<MembershipTableData> ReadAll() => ReadAsync(only: null);

    public async Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (!await AdvanceVersionAsync(connection, transaction, tableVersion))
        {
            return false;
        }

        await using var insert = new NpgsqlCommand("""
            INSERT INTO hub_cluster_silos (cluster_id, silo, row_version, status, proxy_port, host_name, silo_name, role_name,
                                           update_zone, fault_zone, suspicions, started_at, i_am_alive_at)
            VALUES ($1, $2, 0, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING
            """, connection, transaction);
        AddEntry(insert, entry);
        if (await insert.ExecuteNonQueryAsync() != 1)
        {
            return false;
        }

        await transaction.CommitAsync();
        return true;
    }

    public async Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (!await AdvanceVersionAsync(connection, transaction, tableVersion))
        {
            return false;
        }

        await using var update = new NpgsqlCommand("""
            UPDATE hub_cluster_silos
               SET row_version = row_version + 1, status = $3, proxy_port = $4, host_name = $5, silo_name = $6, role_name = $7,
                   update_zone = $8, fault_zone = $9, suspicions = $10, started_at = $11, i_am_alive_at = $12
             WHERE cluster_id = $1 AND silo = $2 AND row_version::text = $13
            """, connection, transaction);
        AddEntry(update, entry);
        update.Parameters.AddWithValue(etag);
        if (await update.ExecuteNonQueryAsync() != 1)
        {
            return false;
        }

        await transaction.CommitAsync();
        return true;
    }

    /// <summary>The heartbeat column only: no etag check, and the version stays (the protocol asks exactly that).</summary>
    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        await using var command = database.CreateCommand("UPDATE hub_cluster_silos SET i_am_alive_at = $3 WHERE cluster_id = $1 AND silo = $2");
        command.Parameters.AddWithValue(ClusterId);
        command.Parameters.AddWithValue(entry.SiloAddress.ToParsableString());
        command.Parameters.AddWithValue(Utc(entry.IAmAliveTime));
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Moves the cluster's version to <paramref name="next"/> if it still carries the etag the caller read. Orleans
    /// hands over the next version together with the etag of the one it read.
    /// </summary>
    private async Task<bool> AdvanceVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TableVersion next)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE hub_cluster SET version = $2, changed_at = now() WHERE cluster_id = $1 AND version::text = $3
            """, connection, transaction);
        command.Parameters.AddWithValue(ClusterId);
        command.Parameters.AddWithValue(next.Version);
        command.Parameters.AddWithValue(next.VersionEtag);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    private async Task<MembershipTableData> ReadAsync(SiloAddress? only)
    {
        await using var connection = await database.OpenConnectionAsync();
        // Version and rows from one snapshot, so the version describes exactly the rows returned with it.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        await using var version = new NpgsqlCommand("SELECT version FROM hub_cluster WHERE cluster_id = $1", connection, transaction);
        version.Parameters.AddWithValue(ClusterId);
        var number = await version.ExecuteScalarAsync() is int found ? found : 0;

        await using var rows = new NpgsqlCommand("""
            SELECT silo, row_version, status, proxy_port, host_name, silo_name, role_name, update_zone, fault_zone,
                   suspicions, started_at, i_am_alive_at
              FROM hub_cluster_silos WHERE cluster_id = $1 AND ($2::text IS NULL OR silo = $2)
            """, connection, transaction);
        rows.Parameters.AddWithValue(ClusterId);
        rows.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = only?.ToParsableString(), NpgsqlDbType = NpgsqlDbType.Text });
        var entries = new List<Tuple<MembershipEntry, string>>();
        await using (var reader = await rows.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                entries.Add(Tuple.Create(ReadEntry(reader), reader.GetInt32(1).ToString(CultureInfo.InvariantCulture)));
            }
        }

        await transaction.CommitAsync();
        return new MembershipTableData(entries, new TableVersion(number, number.ToString(CultureInfo.InvariantCulture)));
    }

    private void AddEntry(NpgsqlCommand command, MembershipEntry entry)
    {
        command.Parameters.AddWithValue(ClusterId);
        command.Parameters.AddWithValue(entry.SiloAddress.ToParsableString());
        command.Parameters.AddWithValue((int)entry.Status);
        command.Parameters.AddWithValue(entry.ProxyPort);
        command.Parameters.AddWithValue(entry.HostName ?? "");
        command.Parameters.AddWithValue(entry.SiloName ?? "");
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = entry.RoleName, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.AddWithValue(entry.UpdateZone);
        command.Parameters.AddWithValue(entry.FaultZone);
        var suspicions = (entry.SuspectTimes ?? []).Select(s => new Suspicion(s.Item1.ToParsableString(), Utc(s.Item2))).ToList();
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(suspicions));
        command.Parameters.AddWithValue(Utc(entry.StartTime));
        command.Parameters.AddWithValue(Utc(entry.IAmAliveTime));
    }

    private static MembershipEntry ReadEntry(NpgsqlDataReader reader) => new()
    {
        SiloAddress = SiloAddress.FromParsableString(reader.GetString(0)),
        Status = (SiloStatus)reader.GetInt32(2),
        ProxyPort = reader.GetInt32(3),
        HostName = reader.GetString(4),
        SiloName = reader.GetString(5),
        RoleName = reader.IsDBNull(6) ? null : reader.GetString(6),
        UpdateZone = reader.GetInt32(7),
        FaultZone = reader.GetInt32(8),
        SuspectTimes = [.. JsonSerializer.Deserialize<List<Suspicion>>(reader.GetString(9))!
            .Select(s => Tuple.Create(SiloAddress.FromParsableString(s.Silo), s.At))],
        StartTime = reader.GetDateTime(10),
        IAmAliveTime = reader.GetDateTime(11),
    };

    private static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    private sealed record Suspicion(string Silo, DateTime At);
}

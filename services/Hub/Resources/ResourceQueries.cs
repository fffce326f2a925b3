using Federation.Contracts;
using Federation.Contracts.Hub;
using Federation.Contracts.Serialization;
using Npgsql;

namespace Federation.Hub.Resources;

/// <summary>Lists of the hub's resources, read straight from the database rather than by waking every grain.</summary>
public sealed class ResourceQueries(NpgsqlDataSource database)
{
    private const string Filter = "state = ANY($1) AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR snapshot->>'identifier' = $3)";

    public async Task<ResourceList> ListAsync(
        IReadOnlyCollection<ResourceState> states, ResourceKind? kind, int page, int pageSize, CancellationToken cancellationToken, string? identifier = null)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // The total is counted on its own, so that a page past the end still says how many there are. Raw Npgsql, not
        // Dapper: one NpgsqlBatch sends both statements in one round trip.
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command($"SELECT count(*) FROM hub_resources WHERE {Filter}", states, kind, identifier),
                Command($"SELECT snapshot FROM hub_resources WHERE {Filter} ORDER BY modified_at DESC, id LIMIT {pageSize} OFFSET {(page - 1) * pageSize}", states, kind, identifier),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<ResourceSnapshot>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ResourceStore.Deserialize(reader.GetString(0)));
        }

        return new ResourceList(total, page, pageSize, items);
    }

    private static NpgsqlBatchCommand Command(string sql, IReadOnlyCollection<ResourceState> states, ResourceKind? kind, string? identifier)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue(states.Select(state => state.ToWireName()).ToArray());
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = kind?.ToWireName() });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = identifier });
        return command;
    }
}

using Federation.ServiceDefaults.Serialization;
using Federation.Contracts;
using Npgsql;

namespace Federation.Hub.Resources;

/// <summary>Lists of the hub's resources, read straight from the database rather than by waking every grain.</summary>
public sealed class ResourceQueries(NpgsqlDataSource database)
{
    public async Task<ResourceList> ListAsync(
        IReadOnlyCollection<ResourceState> states, ResourceKind? kind, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT snapshot, count(*) OVER () FROM hub_resources
             WHERE state = ANY($1) AND ($2::text IS NULL OR kind = $2)
             ORDER BY modified_at DESC, id
             LIMIT $3 OFFSET $4
            """);
        command.Parameters.AddWithValue(states.Select(state => state.ToWireName()).ToArray());
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = kind?.ToWireName() });
        command.Parameters.AddWithValue(pageSize);
        command.Parameters.AddWithValue((page - 1) * pageSize);
        var items = new List<ResourceSnapshot>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ResourceStore.Deserialize(reader.GetString(0)));
            total = reader.GetInt64(1);
        }

        return new ResourceList(total, page, pageSize, items);
    }
}

public sealed record ResourceList(long Total, int Page, int PageSize, IReadOnlyList<ResourceSnapshot> Items);

using System.Text.Json;
using Federation.ServiceDefaults.Membership;
using Npgsql;
using NpgsqlTypes;

namespace Federation.Hub.Membership;

/// <summary>The authority's last verified statements in the hub's database (<c>hub_membership_statements</c>).</summary>
public sealed class StoredMembership(NpgsqlDataSource database, TimeProvider clock) : IMembershipStore
{
    public async Task<IReadOnlyList<string>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT statements FROM hub_membership_statements");
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? JsonSerializer.Deserialize<List<string>>(json) ?? [] : [];
    }

    public async Task SaveAsync(IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO hub_membership_statements (singleton, statements, saved_at) VALUES (true, $1, $2)
            ON CONFLICT (singleton) DO UPDATE SET statements = excluded.statements, saved_at = excluded.saved_at
            """);
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(statements));
        command.Parameters.AddWithValue(clock.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

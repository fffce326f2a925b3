using System.Text.Json;
using Federation.Contracts.Authority;
using Federation.Contracts.Serialization;
using Federation.Trust;
using Npgsql;

namespace Federation.Authority.Members;

/// <summary>
/// The authority's members and its audit log, changed together in one transaction: a member is never admitted,
/// changed, suspended or removed without the record saying so, and never the other way round.
/// </summary>
public sealed class MemberStore(NpgsqlDataSource database, TimeProvider clock)
{
    private const string Columns = "member_id, entity_id, display_name, kind, issuer, api_base_url, public_keys, state, changed_at, reason";

    public async Task<IReadOnlyList<MemberRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM authority_members ORDER BY member_id");
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<MemberRecord?> FindActiveByEntityAsync(Uri entityId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM authority_members WHERE state = 'active' AND rtrim(entity_id, '/') = $1");
        command.Parameters.AddWithValue(entityId.AbsoluteUri.TrimEnd('/'));
        return (await ReadAllAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Admits a new member, or changes what is recorded of one (its state stays); null with the conflict when that cannot be.</summary>
    public async Task<(MemberRecord? Member, string? Conflict)> AdmitAsync(string memberId, MemberAdmission admission, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existing = await FindAsync(connection, transaction, memberId, cancellationToken);
        if (existing is { State: MemberState.Removed })
        {
            return (null, $"{memberId} was removed from the federation; its id is not given out again.");
        }

        await using (var taken = new NpgsqlCommand(
            "SELECT member_id FROM authority_members WHERE member_id <> $1 AND (rtrim(entity_id, '/') = $2 OR rtrim(issuer, '/') = $3) LIMIT 1", connection, transaction))
        {
            taken.Parameters.AddWithValue(memberId);
            taken.Parameters.AddWithValue(admission.EntityId.AbsoluteUri.TrimEnd('/'));
            taken.Parameters.AddWithValue(admission.Issuer.AbsoluteUri.TrimEnd('/'));
            if (await taken.ExecuteScalarAsync(cancellationToken) is string other)
            {
                return (null, $"The entity id or the issuer is already {other}'s: one member cannot speak as another.");
            }
        }

        var now = clock.GetUtcNow();
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO authority_members (member_id, entity_id, display_name, kind, issuer, api_base_url, public_keys, state, changed_at, reason)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', $8, NULL)
            ON CONFLICT (member_id) DO UPDATE SET entity_id = $2, display_name = $3, kind = $4, issuer = $5, api_base_url = $6, public_keys = $7, changed_at = $8
            """, connection, transaction))
        {
            upsert.Parameters.AddWithValue(memberId);
            upsert.Parameters.AddWithValue(admission.EntityId.AbsoluteUri);
            upsert.Parameters.AddWithValue(admission.DisplayName);
            upsert.Parameters.AddWithValue(admission.Kind);
            upsert.Parameters.AddWithValue(admission.Issuer.AbsoluteUri);
            upsert.Parameters.AddWithValue(admission.ApiBaseUrl.AbsoluteUri);
            upsert.Parameters.AddWithValue(admission.PublicKeys.ToArray());
            upsert.Parameters.AddWithValue(now);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await AuditAsync(connection, transaction, existing is null ? "member.admitted" : "member.changed", memberId, null, new Dictionary<string, string?>
        {
            ["entityId"] = admission.EntityId.AbsoluteUri, ["issuer"] = admission.Issuer.AbsoluteUri, ["apiBaseUrl"] = admission.ApiBaseUrl.AbsoluteUri,
            ["kind"] = admission.Kind, ["keys"] = string.Join(' ', admission.PublicKeys.Select(pem => FederationKey.PublicFromPem(pem).Kid)),
        }, cancellationToken);
        var member = await FindAsync(connection, transaction, memberId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (member, null);
    }

    /// <summary>Moves a member to <paramref name="to"/> from a state that allows it; null with the conflict otherwise.</summary>
    public async Task<(MemberRecord? Member, string? Conflict)> ChangeStateAsync(string memberId, MemberState to, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existing = await FindAsync(connection, transaction, memberId, cancellationToken);
        var allowed = (existing?.State, to) switch
        {
            (null, _) => $"{memberId} is not a member of the federation.",
            (MemberState.Active, MemberState.Suspended) or (MemberState.Suspended, MemberState.Active) => null,
            (MemberState.Active or MemberState.Suspended, MemberState.Removed) => null,
            (var from, _) => $"{memberId} is {from!.Value.ToWireName()}; it cannot become {to.ToWireName()}.",
        };
        if (allowed is not null)
        {
            return (null, allowed);
        }

        await using (var update = new NpgsqlCommand("UPDATE authority_members SET state = $2, changed_at = $3, reason = $4 WHERE member_id = $1", connection, transaction))
        {
            update.Parameters.AddWithValue(memberId);
            update.Parameters.AddWithValue(to.ToWireName());
            update.Parameters.AddWithValue(clock.GetUtcNow());
            update.Parameters.AddWithValue(reason);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        var action = to switch { MemberState.Suspended => "member.suspended", MemberState.Active => "member.reinstated", _ => "member.removed" };
        await AuditAsync(connection, transaction, action, memberId, reason, new Dictionary<string, string?>(), cancellationToken);
        var member = await FindAsync(connection, transaction, memberId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (member, null);
    }

    private async Task AuditAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string action, string memberId, string? reason, Dictionary<string, string?> details, CancellationToken cancellationToken)
    {
        await using var audit = new NpgsqlCommand(
            "INSERT INTO authority_audit (occurred_at, action, member_id, reason, details) VALUES ($1, $2, $3, $4, CAST($5 AS jsonb))", connection, transaction);
        audit.Parameters.AddWithValue(clock.GetUtcNow());
        audit.Parameters.AddWithValue(action);
        audit.Parameters.AddWithValue(memberId);
        audit.Parameters.AddWithValue((object?)reason ?? DBNull.Value);
        audit.Parameters.AddWithValue(JsonSerializer.Serialize(details));
        await audit.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<MemberRecord?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string memberId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM authority_members WHERE member_id = $1 FOR UPDATE", connection, transaction);
        command.Parameters.AddWithValue(memberId);
        return (await ReadAllAsync(command, cancellationToken)).SingleOrDefault();
    }

    private static async Task<IReadOnlyList<MemberRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var members = new List<MemberRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            members.Add(new MemberRecord(
                reader.GetString(0), new Uri(reader.GetString(1)), reader.GetString(2), reader.GetString(3), new Uri(reader.GetString(4)),
                new Uri(reader.GetString(5)), reader.GetFieldValue<string[]>(6), StateOf(reader.GetString(7)),
                reader.GetFieldValue<DateTimeOffset>(8), reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return members;
    }

    private static MemberState StateOf(string name) =>
        WireNames.TryParseWireName<MemberState>(name, out var state) ? state : throw new InvalidOperationException($"Unknown member state '{name}' in the database.");
}

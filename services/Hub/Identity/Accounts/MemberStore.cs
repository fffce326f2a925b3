using Federation.Contracts.Serialization;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Federation.Hub.Identity.Accounts;

/// <summary>Reads and writes the hub's local accounts.</summary>
public sealed class MemberStore(NpgsqlDataSource database, TimeProvider clock)
{
    private const string SelectMember = """
        SELECT m.id, m.username, m.display_name, m.email, m.roles, m.disabled_at, o.id, o.name, o.type, m.password_hash
        FROM identity_members m JOIN identity_organisations o ON o.id = m.organisation_id
        """;

    private static readonly PasswordHasher<Member> Hasher = new();

    // Compared against when the username is unknown, so that a wrong username costs as much time as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword(null!, Guid.NewGuid().ToString());

    public async Task<Member?> FindByIdAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"{SelectMember} WHERE m.id = $1");
        command.Parameters.AddWithValue(id);
        return (await ReadOneAsync(command, cancellationToken))?.Member;
    }

    /// <summary>The member whose username and password these are, if active; null for any mismatch.</summary>
    public async Task<Member?> VerifyPasswordAsync(string username, string password, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"{SelectMember} WHERE m.username = $1");
        command.Parameters.AddWithValue(username.Trim().ToLowerInvariant());
        var found = await ReadOneAsync(command, cancellationToken);
        var verdict = Hasher.VerifyHashedPassword(found?.Member!, found?.PasswordHash ?? DecoyHash, password);
        return found is not null && verdict != PasswordVerificationResult.Failed && found.Member.IsActive ? found.Member : null;
    }

    public async Task SaveOrganisationAsync(Organisation organisation, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO identity_organisations (id, name, type) VALUES ($1, $2, $3)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type
            """);
        command.Parameters.AddWithValue(organisation.Id);
        command.Parameters.AddWithValue(organisation.Name);
        command.Parameters.AddWithValue(organisation.Type.ToWireName());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Adds the account, or brings an existing one with the same username in line (name, organisation, roles, password);
    /// returns whether it was new.
    /// </summary>
    public async Task<bool> SaveAsync(Member member, string password, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO identity_members (id, username, display_name, email, password_hash, organisation_id, roles, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, email = excluded.email,
                password_hash = excluded.password_hash, organisation_id = excluded.organisation_id, roles = excluded.roles
            RETURNING (xmax = 0)
            """);
        command.Parameters.AddWithValue(member.Id);
        command.Parameters.AddWithValue(member.Username.ToLowerInvariant());
        command.Parameters.AddWithValue(member.DisplayName);
        command.Parameters.AddWithValue(member.Email);
        command.Parameters.AddWithValue(Hasher.HashPassword(member, password));
        command.Parameters.AddWithValue(member.Organisation.Id);
        command.Parameters.AddWithValue(member.Roles.ToArray());
        command.Parameters.AddWithValue(clock.GetUtcNow());
        // xmax is 0 for a row this statement inserted, and set for one it updated.
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<StoredMember?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var organisation = new Organisation(reader.GetString(6), reader.GetString(7), ParseOrganisationType(reader.GetString(8)));
        var member = new Member(
            reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), organisation,
            reader.GetFieldValue<string[]>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5));
        return new StoredMember(member, reader.GetString(9));
    }

    private static OrganisationType ParseOrganisationType(string stored) =>
        WireNames.TryParseWireName<OrganisationType>(stored, out var type) ? type : OrganisationType.Other;

    private sealed record StoredMember(Member Member, string PasswordHash);
}

using Npgsql;

namespace Federation.ServiceDefaults.Postgres;

/// <summary>
/// A PostgreSQL session advisory lock held for as long as this object lives. Several processes of one service (the
/// silos of a multi-silo hub) use it so that start-up work runs once at a time and a relay runs in one process only.
/// The lock belongs to the connection: a process killed while holding it loses it as soon as PostgreSQL sees the
/// connection close, so nothing waits for a dead holder.
/// </summary>
public sealed class AdvisoryLock : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly string name;

    private AdvisoryLock(NpgsqlConnection connection, string name)
    {
        this.connection = connection;
        this.name = name;
    }

    /// <summary>Waits until the lock named <paramref name="name"/> is free and takes it.</summary>
    public static async Task<AdvisoryLock> AcquireAsync(NpgsqlDataSource database, string name, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var acquire = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext($1))", connection);
            acquire.Parameters.AddWithValue(name);
            await acquire.ExecuteNonQueryAsync(cancellationToken);
            return new AdvisoryLock(connection, name);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes the lock if nobody holds it; null when another session does.</summary>
    public static async Task<AdvisoryLock?> TryAcquireAsync(NpgsqlDataSource database, string name, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var attempt = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtext($1))", connection);
            attempt.Parameters.AddWithValue(name);
            if ((bool)(await attempt.ExecuteScalarAsync(cancellationToken))!)
            {
                return new AdvisoryLock(connection, name);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext($1))", connection);
                release.Parameters.AddWithValue(name);
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            // The connection broke (a database restart), and the lock went with it: nothing is left to release, and
            // the work done under the lock must not be reported as failed because of it.
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}

using Npgsql;

namespace Federation.Hub.Harvest;

/// <summary>
/// One thing at a time per source, across the hub's silos: a run and a confirmation of a held run's withdrawals each
/// hold the source's turn (a PostgreSQL session advisory lock on a connection of their own) while they write its
/// resources and records, so that neither works from a copy of the records the other is changing.
/// </summary>
public sealed class SourceTurns(NpgsqlDataSource database)
{
    /// <summary>Waits for the source's turn (a run: a confirmation takes seconds).</summary>
    public Task<IAsyncDisposable> TakeAsync(Guid sourceId, CancellationToken cancellationToken) => LockAsync(sourceId, wait: true, cancellationToken)!;

    /// <summary>The source's turn now, or null when a run or a confirmation has it.</summary>
    public Task<IAsyncDisposable?> TryTakeAsync(Guid sourceId, CancellationToken cancellationToken) => LockAsync(sourceId, wait: false, cancellationToken);

    private async Task<IAsyncDisposable?> LockAsync(Guid sourceId, bool wait, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(wait
                ? "SELECT true FROM (SELECT pg_advisory_lock(hashtextextended('harvest-source:' || $1::text, 0))) waited"
                : "SELECT pg_try_advisory_lock(hashtextextended('harvest-source:' || $1::text, 0))", connection);
            command.Parameters.AddWithValue(sourceId);
            var taken = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
            if (!taken)
            {
                await connection.DisposeAsync();
                return null;
            }

            return new Turn(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // Closing the session ends the lock, also when the unlock cannot be sent (a connection already broken).
    private sealed class Turn(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
                await unlock.ExecuteNonQueryAsync();
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
            {
                // the session ends below, and its locks with it
            }

            await connection.DisposeAsync();
        }
    }
}

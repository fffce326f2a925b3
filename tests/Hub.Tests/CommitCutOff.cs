using Federation.Hub.Writes;
using Npgsql;

namespace Federation.Hub.Tests;

/// <summary>
/// A commit step for the specs that, once armed, ends the unit of work's PostgreSQL session from a second connection
/// (<c>pg_terminate_backend</c>), the way a database restart or a lost network does: either just before the COMMIT
/// (the change never reaches the database) or just after it (the change is in, its answer is lost). Unarmed it
/// commits plainly.
/// </summary>
internal sealed class CommitCutOff(NpgsqlDataSource database) : ICommitStep
{
    private readonly TransactionCommit inner = new();
    private int armed;

    public enum When
    {
        BeforeCommit = 1,
        AfterCommit = 2,
    }

    public void ArmOnce(When when) => Interlocked.Exchange(ref armed, (int)when);

    public async Task CommitAsync(HubUnitOfWork work, CancellationToken cancellationToken)
    {
        var when = (When)Interlocked.Exchange(ref armed, 0);
        if (when == When.BeforeCommit)
        {
            await TerminateAsync(work.Connection.ProcessID);
        }

        await inner.CommitAsync(work, cancellationToken);
        if (when == When.AfterCommit)
        {
            await TerminateAsync(work.Connection.ProcessID);
            // The driver learns of the lost session the way it would have during the COMMIT: from the socket.
            await using var probe = new NpgsqlCommand("SELECT 1", work.Connection);
            await probe.ExecuteScalarAsync(cancellationToken);
        }
    }

    private async Task TerminateAsync(int backend)
    {
        await using var connection = await database.OpenConnectionAsync();
        // With a timeout, pg_terminate_backend waits until the session has really ended.
        await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(@backend, 5000)", connection);
        terminate.Parameters.AddWithValue("backend", backend);
        if (await terminate.ExecuteScalarAsync() is not true)
        {
            throw new InvalidOperationException($"PostgreSQL session {backend} could not be ended.");
        }
    }
}

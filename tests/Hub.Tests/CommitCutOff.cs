using Federation.Hub.Writes;
using Npgsql;

namespace Federation.Hub.Tests;

/// <summary>
/// A commit step for the specs that, once armed, spoils the next COMMIT in one of three ways: the unit of work's
/// PostgreSQL session is ended from a second connection (<c>pg_terminate_backend</c>) just before it, the way a
/// database restart does (the change never reaches the database); the COMMIT succeeds but its answer is lost, thrown
/// as the driver throws a connection reset while reading (the change is in); or the server refuses the COMMIT with a
/// serialization failure from a deferred check (the change is rolled back, and the server said so). Unarmed it
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
        RefusedAtCommit = 3,
    }

    public void ArmOnce(When when) => Interlocked.Exchange(ref armed, (int)when);

    public async Task CommitAsync(HubUnitOfWork work, CancellationToken cancellationToken)
    {
        var when = (When)Interlocked.Exchange(ref armed, 0);
        if (when == When.BeforeCommit)
        {
            await TerminateAsync(work.Connection.ProcessID);
        }

        if (when == When.RefusedAtCommit)
        {
            await RefuseAtCommitAsync(work, cancellationToken);
        }

        await inner.CommitAsync(work, cancellationToken);
        if (when == When.AfterCommit)
        {
            // What Npgsql throws when the socket dies while it waits for the COMMIT's answer.
            throw new NpgsqlException("Exception while reading from stream",
                new IOException("Unable to read data from the transport connection: Connection reset by peer."));
        }
    }

    /// <summary>
    /// A deferred constraint trigger, created inside the unit of work's own transaction (and so rolled back with it),
    /// that fails at COMMIT with SQLSTATE 40001, as a serializable transaction that lost a race does.
    /// </summary>
    private static async Task RefuseAtCommitAsync(HubUnitOfWork work, CancellationToken cancellationToken)
    {
        await using var refusal = new NpgsqlCommand("""
            CREATE TEMP TABLE commit_refusal (id int) ON COMMIT DROP;
            CREATE FUNCTION pg_temp.refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'could not serialize access due to concurrent update' USING ERRCODE = 'serialization_failure';
            END $$;
            CREATE CONSTRAINT TRIGGER refuse_commit AFTER INSERT ON commit_refusal DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW EXECUTE FUNCTION pg_temp.refuse_commit();
            INSERT INTO commit_refusal VALUES (1);
            """, work.Connection, work.Transaction);
        await refusal.ExecuteNonQueryAsync(cancellationToken);
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

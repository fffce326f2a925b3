using System.Data.Common;
using Dapper;
using Npgsql;

namespace Federation.Hub.Writes;

/// <summary>
/// Rows read through Dapper's parameters, mapped by hand: timestamptz arrives at Dapper's mapper as DateTime while the
/// records hold DateTimeOffset, and a hand-written row says exactly which column is which.
/// </summary>
public static class Rows
{
    public static async Task<List<T>> ReadAsync<T>(
        this NpgsqlDataSource database, string sql, object parameters, Func<DbDataReader, T> row, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await ReadAsync(connection, null, sql, parameters, row, cancellationToken);
    }

    /// <summary>Rows of a statement inside a unit of work, such as an UPDATE … RETURNING.</summary>
    public static Task<List<T>> ReadAsync<T>(
        this HubUnitOfWork work, string sql, object parameters, Func<DbDataReader, T> row, CancellationToken cancellationToken) =>
        ReadAsync(work.Connection, work.Transaction, sql, parameters, row, cancellationToken);

    private static async Task<List<T>> ReadAsync<T>(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, object parameters, Func<DbDataReader, T> row,
        CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(row(reader));
        }

        return rows;
    }
}

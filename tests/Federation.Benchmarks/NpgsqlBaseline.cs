using System.Diagnostics;
using System.Text.Json;
using Federation.Contracts.Serialization;
using Federation.Testing;
using Npgsql;
using NpgsqlTypes;

namespace Federation.Benchmarks;

/// <summary>
/// The database alone: the same documents inserted by plain Npgsql, 1,000 statements per batch, into a table with the
/// same indexed work (a GIN full-text index over the catalogue's bilingual document function, and a jsonb column).
/// </summary>
internal static class NpgsqlBaseline
{
    public static async Task<double> RunAsync(string database, int documents)
    {
        await using var data = NpgsqlDataSource.Create(LocalInfrastructure.ConnectionString(database));
        await using (var setup = data.CreateCommand("""
            DROP TABLE IF EXISTS baseline_documents;
            CREATE TABLE baseline_documents (id uuid PRIMARY KEY, data jsonb NOT NULL, document tsvector NOT NULL);
            CREATE INDEX ON baseline_documents USING gin (document);
            """))
        {
            await setup.ExecuteNonQueryAsync();
        }

        var ids = Enumerable.Range(0, documents).Select(_ => Guid.NewGuid()).ToArray();
        var events = Enumerable.Range(0, documents).Select(n => SyntheticResources.Event(n, 7, ids)).ToArray();
        var clock = Stopwatch.StartNew();
        await using var connection = await data.OpenConnectionAsync();
        foreach (var chunk in events.Chunk(1000))
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var e in chunk)
            {
                var r = e.Resource;
                var command = new NpgsqlBatchCommand("INSERT INTO baseline_documents VALUES ($1, $2, catalogue_search_document($3, $4, $5, $6))");
                command.Parameters.AddWithValue(r.Id);
                command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(r, FederationJson.Options));
                command.Parameters.AddWithValue(r.Title);
                command.Parameters.AddWithValue(string.Join(' ', r.Keywords));
                command.Parameters.AddWithValue(r.Summary);
                command.Parameters.AddWithValue(r.Description);
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync();
        }

        clock.Stop();
        await using (var drop = data.CreateCommand("DROP TABLE baseline_documents"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        return documents / clock.Elapsed.TotalSeconds;
    }
}

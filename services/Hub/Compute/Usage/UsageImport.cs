using Dapper;
using Federation.Contracts;
using Federation.Contracts.Compute;
using Federation.Hub.Audit;
using Federation.Hub.Compute.Accounting;
using Federation.Hub.Hosting;
using Federation.Hub.Resources.Metadata;
using Federation.Hub.Writes;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Federation.Hub.Compute.Usage;

/// <summary>
/// Imports a scheduler's accounting into the allocations it was used under, all or nothing: the lines stream into a
/// temporary table by binary COPY (a file of millions of jobs never sits in memory), every line is checked (its account an
/// allocation's, its end inside the allocation's time), a job already counted with the same figures is skipped (an
/// import can be repeated) and one counted with other figures refused, then the new jobs are added and each touched
/// allocation's totals grow in the same statement. Each touched allocation's new totals go to its applicant's home hub.
/// </summary>
public sealed class UsageImport(HubWrites writes, IOptions<HubOptions> hub, IOptions<ComputeOptions> options, TimeProvider clock)
{
    public const int MostProblems = 100;

    public async Task<(UsageImportSummary? Summary, FieldErrors Errors)> ImportAsync(TextReader body, bool dryRun, AuditActor actor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var problems = 0;
        void Fail(string field, string message)
        {
            if (++problems <= MostProblems)
            {
                errors.Fail(field, message);
            }
        }

        var now = clock.GetUtcNow();
        await using var work = await writes.BeginAsync(cancellationToken);
        // Imports take turns: one that counted a job first must be seen by the next one's check of its figures.
        await work.Connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext('compute-usage-import'))", transaction: work.Transaction,
            cancellationToken: cancellationToken));
        var allocations = (await work.Connection.QueryAsync<(Guid Id, string Account, DateTime Starts, DateTime Ends)>(new CommandDefinition(
            "SELECT id, account, starts_on::timestamp, ends_on::timestamp FROM compute_allocations", transaction: work.Transaction, cancellationToken: cancellationToken)))
            .ToDictionary(a => a.Account, StringComparer.Ordinal);
        await work.Connection.ExecuteAsync(new CommandDefinition("""
            CREATE TEMP TABLE usage_import (line integer, job_id text, allocation_id uuid, gpus integer, elapsed bigint, hours numeric, energy numeric, ended_at timestamptz)
                ON COMMIT DROP
            """, transaction: work.Transaction, cancellationToken: cancellationToken));

        var header = await body.ReadLineAsync(cancellationToken);
        var (parser, missing) = header is null ? (null, "JobID, Account, Elapsed, AllocTRES, End") : SacctParser.ForHeader(header, options.Value.SchedulerTimeZone);
        if (parser is null)
        {
            errors.Fail("header", $"The first line must name the columns of 'sacct --parsable2' (it lacks {missing}); e.g. SLURM_TIME_FORMAT=%FT%T%z sacct --parsable2 --format=Cluster,JobID,Account,State,Elapsed,AllocTRES,ConsumedEnergyRaw,End");
            return (null, errors);
        }

        long lines = 0, unfinished = 0;
        await using (var copy = await work.Connection.BeginBinaryImportAsync(
            "COPY usage_import (line, job_id, allocation_id, gpus, elapsed, hours, energy, ended_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            while (await body.ReadLineAsync(cancellationToken) is { } text)
            {
                var number = (int)Math.Min(++lines + 1, int.MaxValue);
                if (text.Length == 0)
                {
                    continue;
                }

                var (line, field, problem, running) = parser.Parse(number, text);
                if (problem is not null)
                {
                    Fail($"lines[{number}].{field}", $"Line {number}: {field} {problem}.");
                    continue;
                }

                if (line is null)
                {
                    unfinished += running ? 1 : 0;
                    continue;
                }

                if (!allocations.TryGetValue(line.Account, out var allocation))
                {
                    Fail($"lines[{number}].account", $"Line {number}: '{line.Account}' is the account of no allocation of this facility.");
                    continue;
                }

                // The allocation's days count whole; a job may not end before the first or after the last.
                var started = new DateTimeOffset(allocation.Starts, TimeSpan.Zero);
                var ended = new DateTimeOffset(allocation.Ends.AddDays(1), TimeSpan.Zero);
                if (line.End > ended || line.End < started)
                {
                    Fail($"lines[{number}].end", $"Line {number}: job {line.JobId} ran outside its allocation ({allocation.Starts:yyyy-MM-dd} to {allocation.Ends:yyyy-MM-dd}).");
                    continue;
                }

                if (problems > 0)
                {
                    continue;
                }

                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(number, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(line.JobId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(allocation.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(line.Gpus, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(line.ElapsedSeconds, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(line.AcceleratorHours, NpgsqlDbType.Numeric, cancellationToken);
                await WriteNullableAsync(copy, line.EnergyKwh, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(line.End, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            if (problems == 0)
            {
                await copy.CompleteAsync(cancellationToken);
            }
        }

        if (problems > 0)
        {
            if (problems > MostProblems)
            {
                errors.Fail("lines", $"{problems} lines are wrong; the first {MostProblems} are listed. Nothing was imported.");
            }

            return (null, errors);
        }

        // The same job twice with other figures, in this file or against what was counted before: refused, by line.
        var conflicts = await work.Connection.QueryAsync<(int Line, string JobId)>(new CommandDefinition("""
            SELECT min(line), job_id FROM usage_import GROUP BY job_id HAVING count(DISTINCT (allocation_id, gpus, elapsed, energy, ended_at)) > 1
            UNION ALL
            SELECT i.line, i.job_id FROM usage_import i JOIN compute_usage u USING (job_id)
             WHERE (u.allocation_id, u.gpus, u.elapsed_seconds, u.energy_kwh, u.ended_at) IS DISTINCT FROM (i.allocation_id, i.gpus, i.elapsed, i.energy, i.ended_at)
            LIMIT 100
            """, transaction: work.Transaction, cancellationToken: cancellationToken));
        foreach (var (line, jobId) in conflicts)
        {
            errors.Fail($"lines[{line}].jobId", $"Line {line}: job {jobId} is counted already with other figures; a job is counted once.");
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        var totals = await work.Connection.QuerySingleAsync<(long Jobs, long Known, decimal Hours, decimal Energy, int Allocations)>(new CommandDefinition("""
            WITH jobs AS (SELECT DISTINCT ON (job_id) * FROM usage_import ORDER BY job_id, line),
                 fresh AS (SELECT j.* FROM jobs j WHERE NOT EXISTS (SELECT 1 FROM compute_usage u WHERE u.job_id = j.job_id))
            SELECT (SELECT count(*) FROM jobs), (SELECT count(*) FROM jobs) - (SELECT count(*) FROM fresh),
                   coalesce((SELECT sum(hours) FROM fresh), 0), coalesce((SELECT sum(energy) FROM fresh), 0),
                   (SELECT count(DISTINCT allocation_id) FROM fresh)::int
            """, transaction: work.Transaction, cancellationToken: cancellationToken));
        var summary = new UsageImportSummary(dryRun, lines, totals.Jobs, totals.Jobs - totals.Known, totals.Known, totals.Hours, totals.Energy, totals.Allocations,
            unfinished);
        if (dryRun)
        {
            return (summary, errors);
        }

        // Three statements over a temporary table of the new jobs, not one with data-modifying CTEs: measured 30 % faster
        // (docs/benchmarks.md, "The AI factory").
        await work.Connection.ExecuteAsync(new CommandDefinition("""
            CREATE TEMP TABLE inserted ON COMMIT DROP AS
            WITH fresh AS (
                INSERT INTO compute_usage (job_id, allocation_id, gpus, elapsed_seconds, accelerator_hours, energy_kwh, ended_at, imported_at)
                SELECT DISTINCT ON (job_id) job_id, allocation_id, gpus, elapsed, hours, energy, ended_at, @now FROM usage_import ORDER BY job_id, line
                ON CONFLICT (job_id) DO NOTHING
                RETURNING allocation_id, accelerator_hours, energy_kwh, ended_at)
            SELECT * FROM fresh
            """, new { now }, work.Transaction, cancellationToken: cancellationToken));
        await work.Connection.ExecuteAsync(new CommandDefinition(Ledger.UsageFromInserted, new { now }, work.Transaction, cancellationToken: cancellationToken));
        var touched = await work.Connection.QueryAsync<(Guid Id, Guid ApplicationId, string HubId, decimal Used, decimal Energy, long Jobs, long Version)>(new CommandDefinition("""
            UPDATE compute_allocations a
               SET used_hours = a.used_hours + s.hours, energy_kwh = a.energy_kwh + s.energy, jobs = a.jobs + s.jobs, usage_version = a.usage_version + 1
              FROM (SELECT allocation_id, sum(accelerator_hours) AS hours, coalesce(sum(energy_kwh), 0) AS energy, count(*) AS jobs FROM inserted GROUP BY allocation_id) s
             WHERE a.id = s.allocation_id
            RETURNING a.id, a.application_id, a.hub_id, a.used_hours, a.energy_kwh, a.jobs, a.usage_version
            """, transaction: work.Transaction, cancellationToken: cancellationToken));
        await work.SendAsync([.. touched.Select(allocation => (ISignedMessage)new AllocationUsageReported(Guid.CreateVersion7(), hub.Value.Id, allocation.HubId,
            allocation.ApplicationId, allocation.Id, new AllocationUsage(allocation.Used, allocation.Energy, allocation.Jobs, allocation.Version, now)))], cancellationToken);

        await work.AuditAsync(new AuditEntry("usage.imported", "done", actor, Details: new Dictionary<string, string?>
        {
            ["lines"] = lines.ToString(System.Globalization.CultureInfo.InvariantCulture), ["newJobs"] = summary.NewJobs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["acceleratorHours"] = summary.AcceleratorHours.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
            ["allocations"] = summary.Allocations.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return (summary, errors);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct =>
        value is { } present ? copy.WriteAsync(present, type, cancellationToken) : copy.WriteNullAsync(cancellationToken);
}

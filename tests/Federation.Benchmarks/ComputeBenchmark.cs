using System.Diagnostics;
using System.Globalization;
using System.Text;
using Federation.Clients.Hubs;
using Federation.Testing;
using Npgsql;
using NpgsqlTypes;

namespace Federation.Benchmarks;

/// <summary>
/// The AI factory's figures: importing scheduler accounting (sacct --parsable2, in parts as the CLI sends them) into
/// 10,000 allocations, against a plain binary COPY of the same jobs into a bare table in the same run; and the open
/// accounting page's latency when it holds the ledger of all that use, against summing the raw usage rows per request.
/// The allocations are written straight into the facility's database (applying and awarding 10,000 times through the
/// API would measure something else); the jobs go through the facility's API.
/// </summary>
internal static class ComputeBenchmark
{
    private static readonly string[] Hubs = ["zuid-holland", "noord-nederland", "oost-nederland", "brainport", "midden-nederland", "amsterdam", "brightlands"];
    private static readonly string[] Types = ["start-up", "scale-up", "sme", "large-company", "research", "public-sector"];
    private static readonly string[] Provinces = ["NL-GR", "NL-NB", "NL-ZH", "NL-NH", "NL-UT", "NL-LI", "NL-OV"];

    public static async Task RunAsync(int allocations, int lines, int linesPerPart, int pageRequests)
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine("Starting the AI factory and the catalogue …");
        await using var federation = await LocalFederation.CreateAsync("benchcompute", hubs: [], withFacility: true,
            hubSettings: new Dictionary<string, string> { ["RateLimits__Enabled"] = "false", ["DOTNET_gcServer"] = "1" });
        var factory = federation.Hubs[LocalFederation.Facility.Id];
        var database = LocalInfrastructure.ConnectionString(federation.HubDatabases[LocalFederation.Facility.Id]);
        Console.WriteLine($"Writing {allocations:N0} allocations …");
        await SeedAllocationsAsync(database, allocations);

        var file = Path.Combine(Path.GetTempPath(), $"sacct-{Guid.NewGuid():N}.txt");
        await WriteAccountingAsync(file, allocations, lines);
        Console.WriteLine($"Accounting of {lines:N0} jobs: {new FileInfo(file).Length / 1024 / 1024:N0} MiB");

        var baseline = await PlainCopyAsync(database, file);
        Console.WriteLine(string.Create(invariant, $"Plain binary COPY of the same jobs: {baseline:N0} lines/s"));

        using var http = new HttpClient { BaseAddress = factory.BaseUrl, Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = await factory.StaffAuthorizationAsync();
        var hub = new HubClient(http);
        var watch = Stopwatch.StartNew();
        long imported = 0;
        using (var reader = new StreamReader(file))
        {
            var header = await reader.ReadLineAsync();
            while (true)
            {
                var part = new StringBuilder(header).Append('\n');
                var count = 0;
                while (count < linesPerPart && await reader.ReadLineAsync() is { } line)
                {
                    part.Append(line).Append('\n');
                    count++;
                }

                if (count == 0)
                {
                    break;
                }

                var summary = await hub.ImportUsageAsync(part.ToString(), dryRun: false, CancellationToken.None).EnsureSuccessAsync();
                imported += summary.NewJobs;
            }
        }

        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(invariant, $"Import through the API: {imported:N0} jobs in {seconds:N1} s = {imported / seconds:N0} lines/s ({linesPerPart:N0} lines a request)"));

        // The open accounting, read as the portal reads it; and the same figures summed from the raw rows, per request.
        for (var i = 0; i < 20; i++)
        {
            (await factory.Http.GetAsync("transparency")).EnsureSuccessStatusCode();
        }

        var page = new List<double>();
        for (var i = 0; i < pageRequests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            (await factory.Http.GetAsync("transparency")).EnsureSuccessStatusCode();
            page.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var summed = new List<double>();
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            for (var i = 0; i < Math.Min(pageRequests, 20); i++)
            {
                var started = Stopwatch.GetTimestamp();
                await using var command = new NpgsqlCommand("""
                    SELECT date_trunc('month', u.ended_at), a.hub_id, a.organisation_type, sum(u.accelerator_hours), sum(u.energy_kwh)
                      FROM compute_usage u JOIN compute_allocations a ON a.id = u.allocation_id GROUP BY 1, 2, 3
                    """, connection);
                await using var rows = await command.ExecuteReaderAsync();
                while (await rows.ReadAsync())
                {
                }

                summed.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        var pageMs = new Distribution(page);
        var summedMs = new Distribution(summed);
        Console.WriteLine(string.Create(invariant, $"GET /transparency ({pageRequests} requests, one at a time): p50 {pageMs.Percentile(50):N1} ms, p95 {pageMs.Percentile(95):N1} ms, p99 {pageMs.Percentile(99):N1} ms"));
        Console.WriteLine(string.Create(invariant, $"Summing the raw usage rows instead (a query of the database alone): p50 {summedMs.Percentile(50):N0} ms, p95 {summedMs.Percentile(95):N0} ms"));
        File.Delete(file);
    }

    private static async Task SeedAllocationsAsync(string database, int allocations)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO compute_calls (id, offer_id, offer_title, title, description, access_mode, capacity_hours, awarded_hours, eligibility, deadline,
                                       required_reviews, allocation_start, allocation_end, opened_at, opened_by)
            VALUES ('00000000-0000-7000-8000-000000000001', gen_random_uuid(), 'Benchmark offer', 'Benchmark call', '', 'call', 10000000000, 0,
                    ARRAY['start-up'], now() + interval '30 days', 0, current_date - 400, current_date + 400, now(), 'benchmark');
            INSERT INTO compute_received (id, call_id, hub_id, application, state, received_at)
            SELECT ('00000000-0000-7000-9000-' || lpad(to_hex(i), 12, '0'))::uuid, '00000000-0000-7000-8000-000000000001', @hubs[1 + i % 7], '{}', 'awarded', now()
              FROM generate_series(1, @allocations) AS i;
            INSERT INTO compute_allocations (id, application_id, call_id, hub_id, partition, hours, starts_on, ends_on, awarded_at, province, organisation_type,
                                             sector, access_mode, organisation_name, heat_reused, account)
            SELECT gen_random_uuid(), ('00000000-0000-7000-9000-' || lpad(to_hex(i), 12, '0'))::uuid, '00000000-0000-7000-8000-000000000001', @hubs[1 + i % 7],
                   'gpu-h100', 100000, current_date - 400, current_date + 400, now(), @provinces[1 + i % 7], @types[1 + i % 6], 'C', 'call', NULL, i % 2 = 0, 'bench-' || i
              FROM generate_series(1, @allocations) AS i;
            """, connection);
        command.Parameters.AddWithValue("hubs", Hubs);
        command.Parameters.AddWithValue("types", Types);
        command.Parameters.AddWithValue("provinces", Provinces);
        command.Parameters.AddWithValue("allocations", allocations);
        await command.ExecuteNonQueryAsync();
    }

    // Jobs of 1 to 8 GPUs for up to a day, spread over the allocations and the last year, each with measured energy.
    private static async Task WriteAccountingAsync(string file, int allocations, int lines)
    {
        var random = new Random(20261205);
        await using var writer = new StreamWriter(file);
        await writer.WriteLineAsync("JobID|JobName|Account|State|Elapsed|AllocTRES|ConsumedEnergyRaw|End");
        var now = DateTime.UtcNow;
        for (var i = 0; i < lines; i++)
        {
            var gpus = 1 << random.Next(4);
            var seconds = random.Next(60, 86_400);
            var end = now.AddMinutes(-random.Next(10, 360 * 24 * 60));
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{10_000_000 + i}|job|bench-{1 + random.Next(allocations)}|COMPLETED|{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}|billing={gpus * 16},cpu={gpus * 16},gres/gpu={gpus},node=1|{(long)gpus * seconds * 400}|{end:yyyy-MM-dd'T'HH:mm:ss}Z"));
        }
    }

    // The floor: the same jobs, parsed as simply as can be and copied in binary into a bare table.
    private static async Task<double> PlainCopyAsync(string database, string file)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE TABLE baseline_usage (job_id text, account text, gpus integer, elapsed bigint, energy bigint, ended_at timestamptz)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var watch = Stopwatch.StartNew();
        long count = 0;
        using (var reader = new StreamReader(file))
        {
            await reader.ReadLineAsync();
            await using var copy = await connection.BeginBinaryImportAsync("COPY baseline_usage FROM STDIN (FORMAT BINARY)");
            while (await reader.ReadLineAsync() is { } line)
            {
                var f = line.Split('|');
                var hms = f[4].Split(':');
                await copy.StartRowAsync();
                await copy.WriteAsync(f[0], NpgsqlDbType.Text);
                await copy.WriteAsync(f[2], NpgsqlDbType.Text);
                await copy.WriteAsync(int.Parse(f[5].Split(',')[2][9..], CultureInfo.InvariantCulture), NpgsqlDbType.Integer);
                await copy.WriteAsync(long.Parse(hms[0], CultureInfo.InvariantCulture) * 3600 + long.Parse(hms[1], CultureInfo.InvariantCulture) * 60 + long.Parse(hms[2], CultureInfo.InvariantCulture), NpgsqlDbType.Bigint);
                await copy.WriteAsync(long.Parse(f[6], CultureInfo.InvariantCulture), NpgsqlDbType.Bigint);
                await copy.WriteAsync(DateTimeOffset.Parse(f[7], CultureInfo.InvariantCulture).ToUniversalTime(), NpgsqlDbType.TimestampTz);
                count++;
            }

            await copy.CompleteAsync();
        }

        return count / watch.Elapsed.TotalSeconds;
    }
}

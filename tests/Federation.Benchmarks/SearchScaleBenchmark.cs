using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Testing;
using Npgsql;

namespace Federation.Benchmarks;

/// <summary>
/// Search at scale: the catalogue's search table filled with generated resources (deterministic, in SQL, straight into
/// PostgreSQL), the catalogue started on it, and a query mix run through its HTTP API by 4 clients, beside the same
/// statements sent by hand through Npgsql in the same run.
/// </summary>
internal static class SearchScaleBenchmark
{
    // The issue's figure is for 4 clients; SEARCH_BENCH_CLIENTS=1 shows each request's own cost, without queueing.
    private static readonly int Clients = int.TryParse(Environment.GetEnvironmentVariable("SEARCH_BENCH_CLIENTS"), out var clients) ? clients : 4;

    // The catalogue's search bounds, given to it and used by the hand-written statements alike (their defaults).
    private const int SampleRows = 2_500;
    private const int ScanRows = 2_500;

    // The vocabulary's other terms for the words of the mix that have any (Search/Vocabulary/nl-en.tsv), in the
    // catalogue's order.
    private static readonly Dictionary<string, string[]> Translations = new(StringComparer.Ordinal)
    {
        ["data"] = ["gegevens"],
        ["fiets"] = ["fietsen", "bicycle", "bicycles", "bike", "bikes"],
    };

    private static readonly (string Name, string Query)[] Mix =
    [
        ("rare term", "q=zeldzaamheid"),
        ("common term", "q=data"),
        ("phrase", "q=%22predictive%20maintenance%22"),
        ("two common words", "q=turbine%20fiets"),
        ("common term, most used first", "q=data&sort=popularity"),
        ("3 facet filters", "kind=dataset&licence=CC-BY-4.0&theme=ENER"),
        ("date sort", "sort=modified&hub=brainport"),
    ];

    public static async Task RunAsync(int resources, int rounds)
    {
        var invariant = CultureInfo.InvariantCulture;
        // SEARCH_BENCH_DATABASE names a database to keep between runs (generated once, reused while it holds the
        // same number of rows): for measuring one change after another without 80 s of generation each time.
        var kept = Environment.GetEnvironmentVariable("SEARCH_BENCH_DATABASE");
        var database = kept is null ? await LocalInfrastructure.CreateDatabaseAsync("benchsearch")
            : await LocalInfrastructure.DatabaseExistsAsync(kept) ? kept
            : await LocalInfrastructure.CreateDatabaseAsync(kept, exactName: true);
        var virtualHost = await LocalInfrastructure.CreateVirtualHostAsync("benchsearch");
        var catalogue = new ServiceProcess("catalogue", "Catalogue", "Federation.Catalogue.dll", FreePorts.Next(), new Dictionary<string, string>
        {
            ["ConnectionStrings__Catalogue"] = LocalInfrastructure.ConnectionString(database),
            ["RabbitMq__Port"] = LocalInfrastructure.RabbitPort,
            ["RabbitMq__VirtualHost"] = virtualHost,
            ["RabbitMq__Password"] = LocalInfrastructure.BrokerPassword,
            ["DOTNET_gcServer"] = "1",
            // The benchmark measures search itself; its thousands of requests a minute from one address are no abuse.
            ["RateLimits__Enabled"] = "false",
            ["Search__SampleRows"] = $"{SampleRows}",
            ["Search__ScanRows"] = $"{ScanRows}",
            // Rounds of the leader keeper every few seconds, so that the leaders of freshly generated rows are ready soon.
            ["Search__LeaderInterval"] = "00:00:02",
        });
        try
        {
            // The catalogue creates its schema; the rows are then generated beside it, for hubs it has no record of
            // (so its audit leaves them alone).
            await catalogue.StartAsync();
            await using var data = NpgsqlDataSource.Create(LocalInfrastructure.ConnectionString(database));
            if (await ScalarAsync<long>(data, "SELECT count(*) FROM catalogue_search") != resources)
            {
                await using (var empty = data.CreateCommand("TRUNCATE catalogue_search, catalogue_term_leaders, catalogue_frequent_terms"))
                {
                    await empty.ExecuteNonQueryAsync();
                }

                var load = Stopwatch.StartNew();
                await GenerateAsync(data, resources);
                Console.WriteLine(string.Create(invariant, $"  generated {resources:N0} resources in {load.Elapsed.TotalSeconds:F0} s"));
            }

            var leadersReady = Stopwatch.StartNew();
            await WaitForLeadersAsync(data);
            var (frequentWords, leaderRows) = (await ScalarAsync<long>(data, "SELECT count(*) FROM catalogue_frequent_terms"),
                await ScalarAsync<long>(data, "SELECT count(*) FROM catalogue_term_leaders"));
            Console.WriteLine(string.Create(invariant, $"  leaders ready after {leadersReady.Elapsed.TotalSeconds:F0} s: {frequentWords} frequent words, {leaderRows} leaders"));
            var size = await ScalarAsync<string>(data, "SELECT pg_size_pretty(pg_total_relation_size('catalogue_search'))");
            var leadersSize = await ScalarAsync<string>(data,
                "SELECT pg_size_pretty(pg_total_relation_size('catalogue_term_leaders') + pg_total_relation_size('catalogue_frequent_terms'))");

            // Past what the leaders of "data" (widened with "gegevens", every row a match) vouch for: a page of the rest.
            var deepCursor = await DeepCursorAsync(catalogue, pages: 150);
            var queries = Mix.Append((Name: "deep cursor page (151st)", Query: $"q=data&pageSize=20&cursor={deepCursor}")).ToList();

            Console.WriteLine();
            Console.WriteLine("| query | catalogue p50 / p95 / p99 / max (ms) | hand-written SQL p50 / p95 (ms) | ratio p95 |");
            Console.WriteLine("| --- | --- | --- | --- |");
            var ways = queries.Select(q => (q.Name, Api: (Func<Task>)(() => catalogue.Http.GetFromJsonAsync<JsonElement>(
                    q.Query.Contains("pageSize=", StringComparison.Ordinal) ? $"search?{q.Query}" : $"search?{q.Query}&pageSize=20")),
                Sql: (Func<Task>)(() => HandWrittenAsync(data, q.Query)))).ToList();

            // Both sides warm before anything is measured: the catalogue's code is compiled again, optimised, after a
            // few dozen calls, and the first query of the mix would otherwise pay for all of it.
            foreach (var (_, api, sql) in ways)
            {
                await MeasureSideBySideAsync(100, api, sql);
            }

            var everything = new List<double>();
            foreach (var (name, apiWay, sqlWay) in ways)
            {
                var (api, sql) = await MeasureSideBySideAsync(rounds, apiWay, sqlWay);
                everything.AddRange(api.Values);
                Console.WriteLine(string.Create(invariant,
                    $"| {name} | {api.Percentile(50):F1} / {api.Percentile(95):F1} / {api.Percentile(99):F1} / {api.Max:F1} | {sql.Percentile(50):F1} / {sql.Percentile(95):F1} | {api.Percentile(95) / sql.Percentile(95):F2} × |"));
            }

            var all = new Distribution(everything);
            Console.WriteLine(string.Create(invariant, $"| all queries, {all.Count} requests | {all.Percentile(50):F1} / {all.Percentile(95):F1} / {all.Percentile(99):F1} / {all.Max:F1} | | |"));
            Console.WriteLine(string.Create(invariant, $"\nsearch table on disk (with indexes): {size}; leaders (with indexes): {leadersSize}; catalogue RSS after the run: {catalogue.ResidentMemoryMiB():F0} MiB"));
        }
        finally
        {
            await catalogue.DisposeAsync();
            if (kept is null)
            {
                await LocalInfrastructure.DropDatabaseAsync(database);
            }

            await LocalInfrastructure.DeleteVirtualHostAsync(virtualHost);
        }
    }

    /// <summary>
    /// Waits until the catalogue's leader keeper has finished two rounds after the rows were written with the same
    /// frequent words: every word the sample finds frequent then has its leaders.
    /// </summary>
    private static async Task WaitForLeadersAsync(NpgsqlDataSource data)
    {
        var since = await ScalarAsync<DateTime>(data, "SELECT now()::timestamp");
        (DateTime Round, long Words)? last = null;
        while (true)
        {
            await Task.Delay(1000);
            var round = await ScalarAsync<DateTime?>(data, "SELECT (SELECT finished_at::timestamp FROM catalogue_term_rounds) AS at");
            if (round is not { } at || at <= since || at == last?.Round)
            {
                continue;
            }

            var words = await ScalarAsync<long>(data, "SELECT count(*) FROM catalogue_frequent_terms");
            if (last is { } before && before.Words == words)
            {
                return;
            }

            last = (at, words);
        }
    }

    /// <summary>
    /// Both ways of running a query, measured in alternating blocks of requests rather than one after the other, so
    /// that whatever else the two shared cores are doing at the time (autovacuum, the page cache, a noisy neighbour)
    /// falls on both alike.
    /// </summary>
    private static async Task<(Distribution Api, Distribution Sql)> MeasureSideBySideAsync(int rounds, Func<Task> api, Func<Task> sql)
    {
        const int Block = 20;
        await api();
        await sql();
        var apiTimes = new List<double>();
        var sqlTimes = new List<double>();
        for (var done = 0; done < rounds; done += Block)
        {
            var count = Math.Min(Block, rounds - done);
            apiTimes.AddRange((await LoadRun.CountAsync(count, Clients, api)).LatencyMs.Values);
            sqlTimes.AddRange((await LoadRun.CountAsync(count, Clients, sql)).LatencyMs.Values);
        }

        return (new Distribution(apiTimes), new Distribution(sqlTimes));
    }

    private static async Task<string> DeepCursorAsync(ServiceProcess catalogue, int pages)
    {
        string? cursor = null;
        for (var page = 0; page < pages; page++)
        {
            var result = await catalogue.Http.GetFromJsonAsync<JsonElement>("search?q=data&pageSize=20" + (cursor is null ? "" : $"&cursor={cursor}"));
            cursor = result.GetProperty("next").GetString() ?? throw new InvalidOperationException("the result ended before the deep page");
        }

        return cursor!;
    }

    // The statements the service sends for a query, written out here and sent through Npgsql in the same two round
    // trips: a sample of about SampleRows rows; then the page of hits (read by the recency index when the sample puts
    // the result above ScanRows matches, through the text index otherwise) and, only for a result the sample puts below
    // twice a limit, the exact facet rows (up to 2,000) and the exact count (up to 5,000). What the search costs
    // without the service around it.
    private static async Task HandWrittenAsync(NpgsqlDataSource data, string query)
    {
        var parameters = System.Web.HttpUtility.ParseQueryString(query);
        var values = new List<object>();
        var text = parameters["q"];
        // The text as the catalogue widens it: each word typed (a phrase whole) with the other terms its vocabulary
        // gives it, each a parameter.
        var clauses = text is null ? [] : (text.StartsWith('"') ? [text] : text.Split(' '))
            .Select(word => new[] { word }.Concat(Translations.GetValueOrDefault(word) ?? []).Select(term =>
            {
                values.Add(term);
                return values.Count;
            }).ToList()).ToList();

        var filters = new List<string>();
        var tags = new List<string>();
        foreach (var name in new[] { "kind", "hub", "licence", "theme" })
        {
            if (parameters[name] is { } value)
            {
                values.Add(new[] { $"{name}:{value}" });
                filters.Add($"filter_tags && ${values.Count}");
                tags.Add($"{name}:{value}");
            }
        }

        // Written inline, as the catalogue writes its sample, counts and every-match ranking; the statements of the
        // leaders read the same from a one-row CTE, each word computed once (see Terms).
        var widened = Widened(clauses, Word);
        string Rank(string alias) => RankOf(clauses, alias, Word, query => $"(SELECT catalogue_ranking_query({query}))");
        var match = text is null ? null : $"document @@ {widened}";
        var allButOne = filters.Count < 2 ? match ?? "true"
            : (match is null ? "" : match + " AND ") + "(" + string.Join(" OR ", filters.Select(left => string.Join(" AND ", filters.Where(f => f != left)))) + ")";
        await using var connection = await data.OpenConnectionAsync();
        await using var first = new NpgsqlBatch(connection);
        Add(first, $"SELECT array_to_string(filter_tags, chr(31)) FROM catalogue_search TABLESAMPLE SYSTEM (catalogue_sample_percent({SampleRows})) REPEATABLE (0) WHERE {allButOne}", values);
        Add(first, $"SELECT catalogue_sample_percent({SampleRows})", []);
        var firstRankedPage = text is not null && parameters["sort"] != "modified" && parameters["cursor"] is null;
        if (firstRankedPage)
        {
            Add(first, $"SELECT modified_at FROM catalogue_search ORDER BY modified_at DESC, id DESC OFFSET {ScanRows - 1} LIMIT 1", []);
        }

        int sampledRows = 0, sampledMatches = 0;
        double percent;
        DateTimeOffset scanEdge = default;
        await using (var reader = await first.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                sampledRows++;
                var rowTags = reader.GetString(0).Split('\u001f');
                sampledMatches += tags.All(rowTags.Contains) ? 1 : 0;
            }

            await reader.NextResultAsync();
            await reader.ReadAsync();
            percent = reader.GetDouble(0);
            if (firstRankedPage)
            {
                await reader.NextResultAsync();
                await reader.ReadAsync();
                scanEdge = reader.GetFieldValue<DateTimeOffset>(0);
            }
        }

        var scale = 100 / percent;
        var large = percent < 100 && sampledMatches * scale > ScanRows;
        var textClause = match is null ? null : large ? $"({match}) IS TRUE" : match;
        var where = string.Join(" AND ", new[] { textClause }.Concat(filters).OfType<string>().DefaultIfEmpty("true"));
        var indexedWhere = string.Join(" AND ", new[] { match }.Concat(filters).OfType<string>().DefaultIfEmpty("true"));
        var columns = "s.id, s.hub_id, s.kind, s.title, s.summary, s.licence, s.access_policy, s.keywords, s.themes, s.version, s.modified_at";
        var shown = $"{Rank("s.")}, catalogue_search_snippet(s.summary, {widened})";
        // Each rank's query read from the terms CTE, in the order RankOf asks for them (as Terms names them).
        string RankFromTerms(string alias)
        {
            var asked = 0;
            return RankOf(clauses, alias, Word, _ => $"(SELECT r{++asked} FROM terms)");
        }

        var rankFromTerms = RankFromTerms("");
        var shownFromTerms = $"{RankFromTerms("s.")}, catalogue_search_snippet(s.summary, (SELECT match FROM terms))";
        var filtersAnd = string.Concat(filters.Select(filter => " AND " + filter));
        var cursor = parameters["cursor"] is { } encoded ? DecodeCursor(encoded) : (JsonElement?)null;
        await using var second = new NpgsqlBatch(connection);
        var sort = parameters["sort"];
        var leaders = false;
        if (text is null || sort == "modified")
        {
            Add(second, $"SELECT {columns}, {(text is null ? "0::real, NULL::text" : shown)} FROM catalogue_search s WHERE {where} ORDER BY s.modified_at DESC, s.id DESC LIMIT 21", values);
        }
        else if (sort == "popularity")
        {
            Add(second, $"SELECT {columns}, {shown} FROM catalogue_search s WHERE {where} ORDER BY s.popularity DESC, s.modified_at DESC, s.id DESC LIMIT 21", values);
        }
        else if (cursor is { } after)
        {
            // A page deep in the result of a common word, past what its leaders vouch for: the rest, newest first.
            if (!after.TryGetProperty("Segment", out var segment) || segment.GetInt32() != 1)
            {
                throw new InvalidOperationException("the deep page of the mix is expected in the rest, past the leaders");
            }

            // The bound of the cursor's depth, below the last ranked row it names.
            var depthOfCursor = after.GetProperty("D").GetInt32();
            var ceiling = after.TryGetProperty("C", out var top)
                ? $"${values.Count + 3}::real, ${values.Count + 4}::timestamptz, ${values.Count + 5}::uuid" : null;
            var arguments = values.Append(after.GetProperty("ModifiedAt").GetDateTimeOffset()).Append(after.GetProperty("Id").GetGuid());
            if (ceiling is not null)
            {
                arguments = arguments.Append(top.GetProperty("R").GetSingle()).Append(top.GetProperty("M").GetDateTimeOffset()).Append(top.GetProperty("I").GetGuid());
            }

            Add(second, $"""
                WITH {Terms(clauses)},
                     lexemes AS MATERIALIZED (SELECT catalogue_query_lexemes((SELECT positive FROM terms)) AS words),
                     b AS MATERIALIZED (SELECT b.* FROM catalogue_leader_bound({BoundParts(clauses)}, (SELECT alternatives FROM terms), {depthOfCursor}) b),
                     rest AS ({Rest($" AND (modified_at, id) < (${values.Count + 1}, ${values.Count + 2})", ceiling)}
                              ORDER BY m.modified_at DESC, m.id DESC LIMIT 21)
                SELECT {columns}, {shownFromTerms} FROM rest h JOIN catalogue_search s ON s.id = h.id ORDER BY h.modified_at DESC, h.id DESC
                """, arguments);
        }
        else if (large)
        {
            leaders = true;
            Add(second, Leaders(84), values);
        }
        else
        {
            Add(second, $"""
                {RankAll()}
                """, values);
        }

        // Every match ranked, the page's rows shown (their snippets made) only after.
        string RankAll() => $"""
            SELECT {columns}, {shown} FROM (
              SELECT id, modified_at, rank FROM (SELECT id, modified_at, {Rank("")} AS rank FROM catalogue_search WHERE {indexedWhere}) r
               ORDER BY rank DESC, modified_at DESC, id DESC LIMIT 21) h
              JOIN catalogue_search s ON s.id = h.id ORDER BY h.rank DESC, h.modified_at DESC, h.id DESC
            """;

        // Where the ranked part vouches for fewer than the page: deeper (not when it vouched for nothing at all),
        // then every match ranked (within 5,000 by the sample) or the rest. As the catalogue does it, one round trip each.
        // The rows the bound does not vouch for, newest first, each ranked once.
        string Rest(string? older, string? ceiling) => $"""
            SELECT m.id, m.modified_at, m.rank, 1 AS segment
              FROM (SELECT id, modified_at, {rankFromTerms} AS rank FROM catalogue_search WHERE ({match}) IS TRUE{filtersAnd}{older}) m, b
             WHERE NOT ((m.rank > b.rank + 2e-5 OR (m.rank >= b.rank - 2e-5 AND (m.modified_at, m.id) > (b.modified_at, b.id))) IS TRUE)
               {(ceiling is null ? "" : $"AND (NOT (({ceiling.Split(',')[0]} > b.rank + 2e-5 OR ({ceiling.Split(',')[0]} >= b.rank - 2e-5 AND ({ceiling.Split(',', 2)[1]}) > (b.modified_at, b.id))) IS TRUE) OR (m.rank, m.modified_at, m.id) < ({ceiling}))")}
            """;

        string Leaders(int depth) => $"""
            WITH {Terms(clauses)},
                 lexemes AS MATERIALIZED (SELECT catalogue_query_lexemes((SELECT positive FROM terms)) AS words),
                 b AS MATERIALIZED (SELECT b.* FROM catalogue_leader_bound({BoundParts(clauses)}, (SELECT alternatives FROM terms), {depth}) b),
                 candidates AS MATERIALIZED (SELECT c.id FROM lexemes, catalogue_leader_candidates(lexemes.words, {depth}) c(id)),
                 ranked AS MATERIALIZED (
                   SELECT r.*, ((r.rank > b.rank + 2e-5 OR (r.rank >= b.rank - 2e-5 AND (r.modified_at, r.id) > (b.modified_at, b.id))) IS TRUE) AS vouched
                     FROM candidates c CROSS JOIN LATERAL (SELECT id, modified_at, {rankFromTerms} AS rank FROM catalogue_search
                                                            WHERE id = c.id AND (document @@ (SELECT match FROM terms){filtersAnd}) IS TRUE OFFSET 0) r, b),
                 certified AS MATERIALIZED (SELECT id, modified_at, rank, 0 AS segment FROM ranked WHERE vouched ORDER BY rank DESC, modified_at DESC, id DESC LIMIT 21),
                 counts AS MATERIALIZED (SELECT (SELECT count(*) FROM certified) AS certified, (SELECT count(*) FROM ranked WHERE vouched) AS vouched),
                 rest AS ({Rest(null, null)}
                            AND {(sampledMatches * scale > 5_000 ? "true" : "false")} AND (SELECT certified FROM counts) < 21
                            AND NOT ((SELECT deeper FROM b) AND (SELECT vouched FROM counts) > 0 AND {depth} < 2000)
                          ORDER BY m.modified_at DESC, m.id DESC LIMIT 21),
                 rest_page AS (SELECT * FROM rest ORDER BY modified_at DESC, id DESC LIMIT (21 - (SELECT certified FROM counts)))
            SELECT {columns}, {shownFromTerms}, b.deeper, (SELECT certified FROM counts), (SELECT vouched FROM counts)
              FROM b LEFT JOIN (SELECT * FROM certified UNION ALL SELECT * FROM rest_page) h ON true LEFT JOIN catalogue_search s ON s.id = h.id
             ORDER BY h.segment, CASE h.segment WHEN 0 THEN h.rank END DESC, h.modified_at DESC, h.id DESC
            """;

        if (percent < 100 && sampledRows * scale <= 4000)
        {
            Add(second, $"SELECT array_to_string(filter_tags, chr(31)) FROM catalogue_search WHERE {allButOne} LIMIT 2001", values);
        }

        if (percent < 100 && sampledMatches * scale <= 10000)
        {
            var indexed = string.Join(" AND ", new[] { match }.Concat(filters).OfType<string>().DefaultIfEmpty("true"));
            Add(second, $"SELECT count(*) FROM (SELECT 1 FROM catalogue_search WHERE {indexed} LIMIT 5001) m", values);
        }

        // Every value is read, as any client of these statements would: a baseline that left the rows unread would
        // leave out work the service cannot.
        (bool Deeper, long Certified, long Vouched)? vouched = null;
        await using (var rest = await second.ExecuteReaderAsync())
        {
            var firstResult = true;
            do
            {
                var row = new object[rest.FieldCount];
                while (await rest.ReadAsync())
                {
                    rest.GetValues(row);
                    if (firstResult && leaders)
                    {
                        vouched = (rest.GetBoolean(13), rest.GetInt64(14), rest.GetInt64(15));
                    }
                }

                firstResult = false;
            }
            while (await rest.NextResultAsync());
        }

        // Deeper while that vouches for more; a page still short has the rest in it already, unless the sample puts
        // the result within 5,000 matches, when every match is ranked instead.
        for (var depth = 84; vouched is { Certified: < 21 } page; )
        {
            await using var more = new NpgsqlBatch(connection);
            if (page.Deeper && depth < 2000 && page.Vouched > 0)
            {
                depth = Math.Min(depth * 4, 2000);
                Add(more, Leaders(depth), values);
            }
            else if (sampledMatches * scale <= 5_000)
            {
                Add(more, RankAll(), values);
                vouched = null;
            }
            else
            {
                break;
            }

            await using var reader = await more.ExecuteReaderAsync();
            var row = new object[reader.FieldCount];
            while (await reader.ReadAsync())
            {
                reader.GetValues(row);
                if (vouched is not null)
                {
                    vouched = (reader.GetBoolean(13), reader.GetInt64(14), reader.GetInt64(15));
                }
            }
        }

        static void Add(NpgsqlBatch batch, string sql, IEnumerable<object> arguments)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddRange(arguments.Select(v => new NpgsqlParameter { Value = v }).ToArray());
            batch.BatchCommands.Add(command);
        }
    }

    private static string Word(int parameter) => $"catalogue_search_query(${parameter})";

    // Every clause required, each matched by any of its terms.
    private static string Widened(List<List<int>> clauses, Func<int, string> word) =>
        "(" + string.Join(" && ", clauses.Select(terms => "(" + string.Join(" || ", terms.Select(word)) + ")")) + ")";

    // The catalogue's relevance: the clauses of one term in one rank of all their words, each other clause the best
    // of its terms (the widened at 0.3), summed and lifted by popularity.
    private static string RankOf(List<List<int>> clauses, string alias, Func<int, string> word, Func<string, string> ranking)
    {
        var single = clauses.Where(terms => terms.Count == 1).Select(terms => word(terms[0])).ToList();
        var summands = clauses.Where(terms => terms.Count > 1)
            .Select(terms => "greatest(" + string.Join(", ", terms.Select((term, i) =>
                (i == 0 ? "" : "0.3 * ") + $"ts_rank_cd({alias}document, {ranking(word(term))})")) + ")")
            .Prepend(single.Count == 0 ? null : $"ts_rank_cd({alias}document, {ranking(single.Count == 1 ? single[0] : "(" + string.Join(" || ", single) + ")")})")
            .OfType<string>();
        return $"(({string.Join(" + ", summands)}) * catalogue_lift({alias}popularity))::real";
    }

    // The tsqueries each rank reads, in the order RankOf asks for them: a column of the terms CTE each.
    private static List<string> RankingQueries(List<List<int>> clauses)
    {
        var asked = new List<string>();
        RankOf(clauses, "", term => $"w.w{term}", query =>
        {
            asked.Add(query);
            return "";
        });
        return asked;
    }

    // Each word's tsquery once, and what the statement reads made of them: the match, every word looked for, each
    // alternative for the bound, each rank's query.
    private static string Terms(List<List<int>> clauses)
    {
        var words = clauses.SelectMany(terms => terms).ToList();
        var rankings = RankingQueries(clauses).Select((query, i) => $"catalogue_ranking_query({query}) AS r{i + 1}");
        return $"""
            terms AS MATERIALIZED (
                SELECT {Widened(clauses, term => $"w.w{term}")} AS match, ({string.Join(" || ", words.Select(term => $"w.w{term}"))}) AS positive,
                       ARRAY[{string.Join(", ", words.Select(term => $"w.w{term}"))}]::tsquery[] AS alternatives, {string.Join(", ", rankings)}
                  FROM (SELECT {string.Join(", ", words.Select(term => $"{Word(term)} AS w{term}"))} OFFSET 0) w)
            """;
    }

    // The parts and weights of the bound's alternatives (their tsqueries come from the terms CTE).
    private static string BoundParts(List<List<int>> clauses)
    {
        var flat = clauses.SelectMany((terms, part) => terms.Select((_, i) => (Part: part + 1, Weight: i == 0 ? "1" : "0.3"))).ToList();
        return $"ARRAY[{string.Join(", ", flat.Select(a => a.Part))}]::integer[], ARRAY[{string.Join(", ", flat.Select(a => a.Weight))}]::float8[]";
    }

    private static JsonElement DecodeCursor(string encoded)
    {
        var padded = encoded.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        return JsonDocument.Parse(Convert.FromBase64String(padded)).RootElement;
    }

    private static async Task GenerateAsync(NpgsqlDataSource data, int resources)
    {
        // Deterministic: every value comes from hashes of the row number. Rows are written in the order of their
        // modification time, as the catalogue receives them over time (each change is appended as it arrives). About 30 % of the rows say "data", 2 % say
        // "predictive maintenance", one in ten thousand says "zeldzaamheid".
        await using var command = data.CreateCommand($$"""
            SET max_parallel_workers_per_gather = 2;
            WITH words AS (SELECT ARRAY['energie','mobiliteit','zorg','landbouw','vision','sensor','turbine','wafer','model','modellen',
                    'forecast','netwerk','haven','water','klimaat','bodem','verkeer','fiets','ziekenhuis','patient','onderwijs','taal',
                    'speech','robot','fabriek','onderhoud','anomaly','detection','classification','segmentation','beelden','tekst',
                    'dataset','tijdreeks','luchtkwaliteit','stikstof','gewas','melk','chip','lithografie'] AS w),
                 compounds (word, parts) AS (VALUES ('luchtkwaliteit', 'lucht kwaliteit'), ('ziekenhuis', 'zieken huis'),
                     ('tijdreeks', 'tijd reeks'), ('landbouw', 'land bouw'), ('lithografie', 'litho grafie'), ('onderhoud', 'onder houd')),
                 rows AS (SELECT i, abs(hashint4(i)) AS h1, abs(hashint4(i * 31 + 7)) AS h2, abs(hashint4(i * 97 + 3)) AS h3 FROM generate_series(1, {{resources}}) AS i)
            INSERT INTO catalogue_search (id, hub_id, kind, licence, access_policy, keywords, themes, title, summary, modified_at, version, document, tag_format, filter_tags, popularity)
            -- The filter tags as the catalogue's writer makes them from its search dimensions ('dimension:value'), marked
            -- with the format the running catalogue registered, so that its re-tagging leaves them alone (they have no
            -- documents to be re-tagged from) and spends nothing on them while search is measured.
            SELECT id, hub_id, kind, licence, access_policy, keywords, themes, title, summary, modified_at, version, document,
                   (SELECT format FROM catalogue_tag_formats ORDER BY generation DESC LIMIT 1),
                   array_remove(ARRAY['kind:' || kind, 'hub:' || hub_id, 'accessPolicy:' || access_policy, 'licence:' || licence]
                       || array(SELECT 'theme:' || t FROM unnest(themes) t)
                       || ARRAY['riskClass:' || risk_class, 'modality:' || modality, 'task:' || task, 'personalData:' || personal_data,
                                'storageCountry:' || storage_country]
                       || array(SELECT 'skill:' || v FROM unnest(skills) v) || array(SELECT 'sector:' || v FROM unnest(sectors) v)
                       || ARRAY['region:' || region, 'availability:' || availability]
                       || array(SELECT DISTINCT 'keyword:' || v FROM unnest(keywords) v), NULL),
                   popularity
              FROM (
            SELECT md5('bench' || i)::uuid AS id,
                   (ARRAY['zuid-holland','noord-nederland','oost-nederland','brainport','midden-nederland','amsterdam','brightlands'])[1 + h1 % 7],
                   (ARRAY['dataset','dataset','model','expertise'])[1 + h2 % 4],
                   (ARRAY['CC-BY-4.0','CC0-1.0','MIT','Apache-2.0','CC-BY-NC-4.0'])[1 + h3 % 5],
                   (ARRAY['open','federation','approval','hub'])[1 + (h1 / 7) % 4],
                   ARRAY[w[1 + h2 % 40], w[1 + h3 % 40]],
                   ARRAY[(ARRAY['ENER','TRAN','HEAL','AGRI','ENVI','TECH','EDUC','ECON'])[1 + h3 % 8]],
                   initcap(w[1 + h1 % 40]) || ' ' || w[1 + (h2 / 40) % 40] || ' ' || w[1 + (h3 / 40) % 40] || CASE WHEN i % 10000 = 0 THEN ' zeldzaamheid' ELSE '' END,
                   'Gegevens over ' || w[1 + (h1 / 1600) % 40] || ' en ' || w[1 + (h2 / 1600) % 40]
                       || CASE WHEN h1 % 10 < 3 THEN ' met open data' ELSE '' END
                       || CASE WHEN h2 % 50 = 0 THEN ' voor predictive maintenance' ELSE '' END || '.',
                   timestamptz '2026-01-01' + (i * (31536000 / {{resources}}.0)) * interval '1 second', 1,
                   catalogue_search_document(
                       initcap(w[1 + h1 % 40]) || ' ' || w[1 + (h2 / 40) % 40] || ' ' || w[1 + (h3 / 40) % 40] || CASE WHEN i % 10000 = 0 THEN ' zeldzaamheid' ELSE '' END,
                       w[1 + h2 % 40] || ' ' || w[1 + h3 % 40],
                       'Gegevens over ' || w[1 + (h1 / 1600) % 40] || ' en ' || w[1 + (h2 / 1600) % 40]
                           || CASE WHEN h1 % 10 < 3 THEN ' met open data' ELSE '' END
                           || CASE WHEN h2 % 50 = 0 THEN ' voor predictive maintenance' ELSE '' END || '.', '',
                       -- The parts of the compounds among the words, as the catalogue's splitter gives them.
                       array_to_string(ARRAY(SELECT c.parts FROM compounds c
                                              WHERE c.word IN (w[1 + h1 % 40], w[1 + (h2 / 40) % 40], w[1 + (h3 / 40) % 40])), ' '),
                       array_to_string(ARRAY(SELECT c.parts FROM compounds c
                                              WHERE c.word IN (w[1 + h2 % 40], w[1 + h3 % 40], w[1 + (h1 / 1600) % 40], w[1 + (h2 / 1600) % 40])), ' ')),
                   CASE WHEN h2 % 4 = 2 THEN (ARRAY['minimal','limited','high-risk','gpai'])[1 + h1 % 4] END,
                   CASE WHEN h2 % 4 = 2 THEN (ARRAY['text','image','tabular','time-series'])[1 + h3 % 4] END,
                   CASE WHEN h2 % 4 = 2 THEN (ARRAY['text-classification','image-classification','time-series-forecasting'])[1 + h3 % 3] END,
                   CASE WHEN h2 % 4 < 2 THEN (ARRAY['yes','no','no','no'])[1 + h1 % 4] END,
                   (ARRAY['NL','NL','NL','DE','BE'])[1 + h2 % 5],
                   CASE WHEN h2 % 4 = 3 THEN ARRAY[(ARRAY['C','J','Q','A','M'])[1 + h1 % 5]] ELSE '{}' END,
                   CASE WHEN h2 % 4 = 3 THEN ARRAY[(ARRAY['computer-vision','mlops','statistics','robotics'])[1 + h3 % 4]] ELSE '{}' END,
                   CASE WHEN h2 % 4 = 3 THEN (ARRAY['NL-NB','NL-ZH','NL-GR','NL-LI'])[1 + h1 % 4] END,
                   CASE WHEN h2 % 4 = 3 THEN (ARRAY['available','limited'])[1 + h3 % 2] END,
                   -- One resource in five used, up to about 400 uses (popularity 6.0).
                   CASE WHEN h3 % 5 = 0 THEN ((h2 / 7) % 61) / 10.0 ELSE 0 END
              FROM rows, words
            ) AS generated(id, hub_id, kind, licence, access_policy, keywords, themes, title, summary, modified_at, version, document,
                           risk_class, modality, task, personal_data, storage_country, sectors, skills, region, availability, popularity);
            """);
        command.CommandTimeout = 3600;
        await command.ExecuteNonQueryAsync();
        // What autovacuum would do after a bulk load: statistics for the planner, and the visibility map that lets a
        // count skip the table's pages.
        await using var vacuum = data.CreateCommand("VACUUM ANALYZE catalogue_search");
        vacuum.CommandTimeout = 3600;
        await vacuum.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        return await command.ExecuteScalarAsync() is { } value and not DBNull ? (T)value : default!;
    }
}

using System.Text.Json;
using Federation.Catalogue.Search;
using Federation.Catalogue.Search.Expansion;
using Federation.Contracts.Catalogue;
using Federation.Testing;
using Federation.Testing.Hosts;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Federation.Catalogue.Tests;

/// <summary>
/// A large relevance search found through the leaders of its words gives exactly the order that ranking every match
/// gives, as deep as it says it does; and stays exact while rows are written, made popular, withdrawn and trimmed. The
/// corpus (3,000 rows of a few words in varied weights, popularity and age) is written straight into the table, as the
/// benchmark does, and the bounds are small so that every word of it is frequent with few leaders.
/// </summary>
public sealed class TermLeaderSpecs : SpecsOnAFresh<CatalogueHost>
{
    private const int LeaderCount = 60;

    private static readonly string[] Queries =
    [
        "q=sensor", "q=energie%20water", "q=data", "q=%22open%20data%22", "q=verkeer%20-fiets", "q=klimaat%20or%20beelden", "q=sensor&kind=model",
        // A word in too few rows to be frequent ("vlinder", 30 rows): every row with it is a candidate.
        "q=sensor%20vlinder",
    ];

    public override async ValueTask InitializeAsync()
    {
        Host = await CatalogueHost.StartAsync(new Dictionary<string, string>
        {
            ["Search:SampleRows"] = "500",
            ["Search:ScanRows"] = "50",
            ["Search:FrequentDocuments"] = "100",
            ["Search:LeaderCount"] = $"{LeaderCount}",
            ["Search:StatisticsRows"] = "1000000",
            // Not even a conjunction is ranked in full here: what the leaders cannot vouch for follows newest first.
            ["Search:RankAllRows"] = "0",
            // Rounds only when the spec asks for one (RoundAsync), so that it knows which leaders it compares.
            ["Search:LeaderInterval"] = "1.00:00:00",
        });
        await ExecuteAsync(Rows(1, 3_000, "2024-01-01"));
        await ExecuteAsync("""
            INSERT INTO catalogue_search (id, hub_id, kind, licence, access_policy, keywords, themes, title, summary, modified_at, version, document, filter_tags)
            SELECT md5('vlinder' || i)::uuid, 'elsewhere', 'dataset', 'MIT', 'open', '{}', '{}', 'Vlinder sensor ' || i, '',
                   timestamptz '2023-01-01' + i * interval '1 day', 1, catalogue_search_document('Vlinder sensor ' || i, '', '', ''),
                   ARRAY['kind:dataset', 'hub:elsewhere', 'accessPolicy:open', 'licence:MIT']
              FROM generate_series(1, 30) AS i;
            """);
    }

    [Fact]
    public async Task The_leaders_give_the_order_of_ranking_every_match_as_deep_as_the_result_says()
    {
        await RoundAsync();
        var vouched = await CompareEveryQueryAsync();

        // A word's leaders vouch for all of them but the last, whose rank is the bound of every other row; a phrase's,
        // a translated word's and either of two words' for some. Two common words found apart may get none: the bound
        // is the sum of each word's, which a row rarely passes.
        Assert.True(vouched["q=sensor"] >= LeaderCount - 1, $"a single word's leaders vouched for {vouched["q=sensor"]} hits only");
        Assert.All(new[] { "q=data", "q=%22open%20data%22", "q=klimaat%20or%20beelden", "q=sensor&kind=model" },
            query => Assert.True(vouched[query] > 0, $"{query}: the leaders vouched for no hit"));
    }

    [Fact]
    public async Task Best_rows_that_weigh_the_same_come_first_newest_first_however_many_more_than_the_leaders_they_are()
    {
        // "kikker" once in the title of 150 rows, all of one weight (more than the 60 leaders), and only in the summary
        // of 1,500 rows newer than all of them (a third of the table: every sample finds the result large); then, once
        // the word is frequent, 20 more title rows through the trigger.
        await ExecuteAsync(Frogs(1, 150, "Kikker", "", "2024-01-01") + Frogs(151, 1_650, "Vijver", "Een kikker.", "2026-01-01"));
        await RoundAsync();
        await ExecuteAsync(Frogs(2_001, 2_020, "Kikker", "", "2025-01-01"));

        var result = await Host.SearchAsync("q=kikker&pageSize=20");
        var exact = await Search(new SearchOptions { SampleRows = 1_000_000, ScanRows = 1_000_000 })
            .SearchAsync(Request("q=kikker&pageSize=20"), CancellationToken.None);

        // Found through the leaders (its cursor names the depth read), ranked rather than newest first, and the newest
        // of the best rows: the 20 written last.
        Assert.True(Cursor(result).TryGetProperty("D", out var depth) && depth.GetInt32() > 0, "the search did not read the leaders");
        Assert.Equal(JsonValueKind.Null, result.GetProperty("newestFirstFrom").ValueKind);
        Assert.Equal(exact.Items.Select(hit => hit.Id.ToString()), Ids(result));
        Assert.Equal(Enumerable.Range(2_001, 20).Select(i => FrogId(i)).Order(), Ids(result).Order());
    }

    [Fact]
    public async Task Writes_popularity_withdrawals_and_trimming_keep_the_leaders_exact()
    {
        await RoundAsync();

        // New rows, rows rewritten with other words, rows made popular, rows withdrawn: each through the rows' trigger.
        await ExecuteAsync(Rows(3_001, 3_400, "2025-06-01"));
        await ExecuteAsync("""
            UPDATE catalogue_search SET title = 'Sensor sensor energie', modified_at = modified_at + interval '1 day',
                   document = catalogue_search_document('Sensor sensor energie', '', '', '')
             WHERE abs(hashtext(id::text)) % 40 = 0;
            UPDATE catalogue_search SET popularity = 9.5 WHERE abs(hashtext(id::text)) % 40 = 1;
            DELETE FROM catalogue_search WHERE abs(hashtext(id::text)) % 40 = 2;
            """);
        await CompareEveryQueryAsync();

        // The new rows grew the leaders past twice their count: a round trims them and raises the floors.
        const string Floors = "SELECT count(*) FROM catalogue_frequent_terms f JOIN floors_before b USING (lexeme) WHERE f.floor_impact > b.floor_impact";
        await ExecuteAsync("CREATE TABLE floors_before AS SELECT lexeme, floor_impact FROM catalogue_frequent_terms");
        await RoundAsync();
        Assert.True(await ScalarAsync("SELECT max(c) FROM (SELECT count(*) AS c FROM catalogue_term_leaders GROUP BY lexeme) l") <= 2 * LeaderCount);
        // The rewritten "Sensor sensor energie" rows outrank the leaders "sensor" had: its floor rose.
        Assert.True(await ScalarAsync(Floors) > 0, "no trim raised a floor");
        await CompareEveryQueryAsync();
    }

    [Fact]
    public async Task Paging_to_the_end_gives_every_match_once_ranked_then_newest_first_while_resources_change()
    {
        await RoundAsync();
        var everyMatch = Search(new SearchOptions { SampleRows = 1_000_000, ScanRows = 1_000_000 });
        foreach (var query in Queries)
        {
            var all = await AllAsync(everyMatch, query);
            var seen = new List<JsonElement>();
            var restFrom = -1;
            string? cursor = null;
            var page = 0;
            do
            {
                var result = await Host.SearchAsync($"{query}&pageSize=50" + (cursor is null ? "" : $"&cursor={cursor}"));
                var items = result.GetProperty("items").EnumerateArray().ToList();
                if (restFrom < 0 && result.GetProperty("newestFirstFrom") is { ValueKind: JsonValueKind.Number } at)
                {
                    restFrom = seen.Count + at.GetInt32();
                }

                seen.AddRange(items);
                cursor = result.GetProperty("next").GetString();
                // Between pages, a resource that matches everything arrives and one seen already is used a lot more:
                // neither may bring back a hit shown before or hide one not yet shown.
                if (page++ == 1)
                {
                    await ExecuteAsync(Rows(5_000, 5_000, "2026-06-01"));
                    await ExecuteAsync($"UPDATE catalogue_search SET popularity = 10 WHERE id = '{seen[3].GetProperty("id").GetString()}'");
                }
            }
            while (cursor is not null);

            var ids = seen.Select(item => item.GetProperty("id").GetString()!).ToList();
            Assert.True(ids.Count == ids.Distinct().Count(), $"{query}: a hit came twice");
            var missing = all.Select(hit => hit.Id.ToString()).Except(ids).ToList();
            Assert.True(missing.Count == 0, $"{query}: {missing.Count} matches never came");
            // The rest, newest first.
            var rest = seen.Skip(restFrom < 0 ? seen.Count : restFrom).Select(item => item.GetProperty("modifiedAt").GetDateTimeOffset()).ToList();
            Assert.True(rest.SequenceEqual(rest.OrderByDescending(at => at)), $"{query}: the rest is not newest first");
            await ExecuteAsync("DELETE FROM catalogue_search WHERE id = md5('leaders5000')::uuid");
        }
    }

    [Fact]
    public async Task Pages_by_number_agree_with_pages_by_cursor()
    {
        await RoundAsync();
        foreach (var query in Queries)
        {
            var byCursor = new List<string>();
            var byNumber = new List<string>();
            var rests = new List<string>();
            string? cursor = null;
            for (var page = 1; page <= 4; page++)
            {
                var result = await Host.SearchAsync($"{query}&pageSize=25" + (cursor is null ? "" : $"&cursor={cursor}"));
                var numbered = await Host.SearchAsync($"{query}&pageSize=25&page={page}");
                byCursor.AddRange(Ids(result));
                byNumber.AddRange(Ids(numbered));
                rests.Add($"{page}: {result.GetProperty("newestFirstFrom")} / {numbered.GetProperty("newestFirstFrom")}");
                cursor = result.GetProperty("next").GetString();
                if (cursor is null)
                {
                    break;
                }
            }

            Assert.True(byCursor.SequenceEqual(byNumber),
                $"{query}: pages by number differ from pages by cursor at {byCursor.Zip(byNumber).TakeWhile(pair => pair.First == pair.Second).Count()} (rest from, by cursor / by number: {string.Join("; ", rests)})");
        }
    }

    [Fact]
    public async Task A_conjunction_the_leaders_cannot_vouch_for_is_ranked_in_full_when_the_sample_puts_it_within_reach()
    {
        await RoundAsync();
        var viaLeaders = Search(new SearchOptions { SampleRows = 500, ScanRows = 50, FrequentDocuments = 100, LeaderCount = LeaderCount });

        var result = await viaLeaders.SearchAsync(Request("q=energie%20water&pageSize=100"), CancellationToken.None);
        var exact = await Search(new SearchOptions { SampleRows = 1_000_000, ScanRows = 1_000_000 })
            .SearchAsync(Request("q=energie%20water&pageSize=100"), CancellationToken.None);

        Assert.Null(result.NewestFirstFrom);
        Assert.Equal(100, result.Items.Count);
        Assert.Equal(exact.Items.Select(hit => (hit.Id, hit.Rank)), result.Items.Select(hit => (hit.Id, hit.Rank)));
    }

    /// <summary>
    /// Pages through each query by cursor and compares every hit before the result's "newest first" point with ranking
    /// every match (the same catalogue's search with bounds that make every result small); gives how many each vouched for.
    /// </summary>
    private async Task<Dictionary<string, int>> CompareEveryQueryAsync()
    {
        var everyMatch = Search(new SearchOptions { SampleRows = 1_000_000, ScanRows = 1_000_000 });
        var vouched = new Dictionary<string, int>();
        foreach (var query in Queries)
        {
            var exact = await everyMatch.SearchAsync(Request(query + "&pageSize=100"), CancellationToken.None);
            var ranked = new List<(string Id, double Rank)>();
            var restSeen = false;
            string? cursor = null;
            for (var page = 0; page < 5 && !restSeen; page++)
            {
                var result = await Host.SearchAsync($"{query}&pageSize=20" + (cursor is null ? "" : $"&cursor={cursor}"));
                var items = result.GetProperty("items").EnumerateArray().ToList();
                var restFrom = result.GetProperty("newestFirstFrom") is { ValueKind: JsonValueKind.Number } at ? at.GetInt32() : items.Count;
                ranked.AddRange(items.Take(restFrom).Select(item => (item.GetProperty("id").GetString()!, item.GetProperty("rank").GetDouble())));
                restSeen = restFrom < items.Count;
                cursor = result.GetProperty("next").GetString();
                if (cursor is null)
                {
                    break;
                }
            }

            var expected = exact.Items.Take(ranked.Count).Select(hit => (hit.Id.ToString(), hit.Rank)).ToList();
            Assert.True(expected.SequenceEqual(ranked), $"{query}: the leaders' order differs from ranking every match");
            vouched[query] = ranked.Count;
        }

        return vouched;
    }

    // The JSON inside a result's next cursor (base64url).
    private static JsonElement Cursor(JsonElement result)
    {
        var text = result.GetProperty("next").GetString()!.Replace('-', '+').Replace('_', '/');
        return JsonDocument.Parse(Convert.FromBase64String(text.PadRight(text.Length + (4 - text.Length % 4) % 4, '='))).RootElement;
    }

    private static IEnumerable<string> Ids(JsonElement result) =>
        result.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!);

    // Every match of a query, as a search with bounds that make every result small ranks them.
    private static async Task<List<SearchHit>> AllAsync(CatalogueSearch search, string query)
    {
        var all = new List<SearchHit>();
        string? cursor = null;
        do
        {
            var result = await search.SearchAsync(Request($"{query}&pageSize=100" + (cursor is null ? "" : $"&cursor={cursor}")), CancellationToken.None);
            all.AddRange(result.Items);
            cursor = result.Next;
        }
        while (cursor is not null);

        return all;
    }

    // This catalogue's search with other bounds: with bounds that make every result small, it ranks every match.
    private CatalogueSearch Search(SearchOptions bounds) =>
        new(Host.Service<NpgsqlDataSource>(), Host.Service<SpellingCorrection>(), Host.Service<QueryExpansion>(), Options.Create(bounds));

    private static SearchRequest Request(string query) =>
        SearchRequestParser.Parse(new Microsoft.AspNetCore.Http.QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query))).Request!;

    // A round of the keeper, in turn with the catalogue's own keeper (which runs one as the host starts).
    private async Task RoundAsync()
    {
        var data = Host.Service<NpgsqlDataSource>();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            Assert.True(DateTime.UtcNow < deadline, "the catalogue's keeper held its turn for a minute");
            await using var turn = await Federation.ServiceDefaults.Postgres.AdvisoryLock.TryAcquireAsync(data, Federation.Catalogue.Search.Leaders.TermLeaderKeeper.Turn, CancellationToken.None);
            if (turn is not null)
            {
                await Host.AnotherInstance<Search.Leaders.TermLeaderKeeper>().RoundAsync(CancellationToken.None);
                return;
            }

            await Task.Delay(50);
        }
    }

    // Rows numbered from..to: one to three words of a small vocabulary in the title (repeated now and then), two as
    // keywords, two in the summary, some "open data"; popularity in tenths up to 6.3; modified at hashed times.
    private static string Rows(int from, int to, string since) => $$"""
        WITH words AS (SELECT ARRAY['sensor','energie','data','water','verkeer','fiets','model','beelden','open','klimaat'] AS w),
             n AS (SELECT i, abs(hashint4(i)) AS h1, abs(hashint4(i * 31 + 7)) AS h2, abs(hashint4(i * 97 + 3)) AS h3 FROM generate_series({{from}}, {{to}}) i)
        INSERT INTO catalogue_search (id, hub_id, kind, licence, access_policy, keywords, themes, title, summary, modified_at, version, document, filter_tags, popularity)
        SELECT md5('leaders' || i)::uuid, 'elsewhere', kind, 'MIT', 'open', ARRAY[k1, k2], '{}', title, summary,
               timestamptz '{{since}}' + (h3 % 500000) * interval '1 minute', 1, catalogue_search_document(title, k1 || ' ' || k2, summary, ''),
               ARRAY['kind:' || kind, 'hub:elsewhere', 'accessPolicy:open', 'licence:MIT'], (h1 % 64) / 10.0
          FROM (SELECT i, h1, h3, (ARRAY['dataset','model'])[1 + h2 % 2] AS kind,
                       initcap(w[1 + h1 % 10]) || CASE WHEN h2 % 5 = 0 THEN ' ' || w[1 + h1 % 10] ELSE '' END
                           || CASE WHEN h3 % 3 > 0 THEN ' ' || w[1 + (h2 / 10) % 10] ELSE '' END
                           || CASE WHEN h1 % 4 = 0 THEN ' ' || w[1 + (h3 / 10) % 10] ELSE '' END AS title,
                       w[1 + (h1 / 100) % 10] AS k1, w[1 + (h2 / 100) % 10] AS k2,
                       'Gegevens over ' || w[1 + (h3 / 100) % 10] || ' en ' || w[1 + (h1 / 1000) % 10]
                           || CASE WHEN h2 % 7 < 2 THEN ' met open data' ELSE '' END || '.' AS summary
                  FROM n, words) r;
        ANALYZE catalogue_search;
        """;

    // md5('kikker' || i)::uuid, as the rows are written.
    private static string FrogId(int i) =>
        new Guid(Convert.ToHexString(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"kikker{i}")))).ToString();

    // Rows numbered from..to with one title and summary, an hour apart from a date on.
    private static string Frogs(int from, int to, string title, string summary, string since) => $$"""
        INSERT INTO catalogue_search (id, hub_id, kind, licence, access_policy, keywords, themes, title, summary, modified_at, version, document, filter_tags)
        SELECT md5('kikker' || i)::uuid, 'elsewhere', 'dataset', 'MIT', 'open', '{}', '{}', '{{title}}', '{{summary}}',
               timestamptz '{{since}}' + i * interval '1 hour', 1, catalogue_search_document('{{title}}', '', '{{summary}}', ''),
               ARRAY['kind:dataset', 'hub:elsewhere', 'accessPolicy:open', 'licence:MIT']
          FROM generate_series({{from}}, {{to}}) AS i;
        ANALYZE catalogue_search;
        """;

    private async Task ExecuteAsync(string sql)
    {
        await using var data = NpgsqlDataSource.Create(LocalInfrastructure.ConnectionString(Host.Database));
        await using var command = data.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var data = NpgsqlDataSource.Create(LocalInfrastructure.ConnectionString(Host.Database));
        await using var command = data.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

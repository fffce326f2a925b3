using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Catalogue.Popularity;
using Federation.Contracts;
using Federation.Testing;
using Federation.Testing.Hosts;

namespace Federation.Catalogue.Tests;

/// <summary>
/// Use reported by the owning hub (totals, no persons) becomes popularity: a sort, a small lift in relevance, counts on
/// hits and resource pages; a hub is believed only about its own resources and only with a newer report.
/// </summary>
public sealed class PopularitySpecs : SpecsOnAFresh<CatalogueHost>
{
    private readonly string hub = CatalogueHost.NewHubId();
    private readonly string otherHub = CatalogueHost.NewHubId();
    private readonly ResourceSnapshot quiet;
    private readonly ResourceSnapshot downloaded;
    private readonly ResourceSnapshot requested;

    public PopularitySpecs()
    {
        quiet = CatalogueHost.Resource(hub, "Wind farm output per hour", keywords: ["wind"]);
        downloaded = CatalogueHost.Resource(hub, "Wind farm output per minute", keywords: ["wind"]);
        requested = CatalogueHost.Resource(hub, "Tidal energy measurements", keywords: ["tide"]);
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var sequence = 0L;
        foreach (var resource in new[] { quiet, downloaded, requested })
        {
            await Host.PublishAsync(Snapshots.Event(resource, ++sequence));
        }

        await Host.WaitForSearchAsync($"hub={hub}", r => r.GetProperty("total").GetInt64() == 3, "the resources to be indexed");
    }

    private Task Report(string from, DateTimeOffset at, params ResourceActivity[] resources) =>
        Host.PublishAsync(new ResourceActivityReported(from, at, resources));

    private Task<JsonElement> UntilDownloads(Guid id, long downloads) =>
        Eventually.Until(() => Host.SearchAsync($"hub={hub}&sort=popularity"),
            r => r.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("id").GetGuid() == id && i.GetProperty("use").GetProperty("downloads").GetInt64() == downloads),
            what: "the reported use to show");

    [Fact]
    public async Task Reported_use_orders_by_popularity_and_shows_on_hits_and_the_resource()
    {
        var now = DateTimeOffset.UtcNow;
        await Report(hub, now, new ResourceActivity(downloaded.Id, 10, 0, 0), new ResourceActivity(requested.Id, 0, 1, 0));

        var result = await UntilDownloads(downloaded.Id, 10);

        Assert.Equal(["Wind farm output per minute", "Tidal energy measurements", "Wind farm output per hour"], CatalogueHost.Titles(result));
        var resource = await Host.Client.GetFromJsonAsync<JsonElement>($"/resources/{requested.Id}");
        Assert.Equal(1, resource.GetProperty("use").GetProperty("accessRequests").GetInt64());
    }

    [Fact]
    public async Task Popularity_lifts_the_more_used_of_two_equal_matches()
    {
        var before = CatalogueHost.Titles(await Host.SearchAsync($"hub={hub}&q=wind%20farm%20output")).ToList();
        var lessUsed = before[^1];
        var lessUsedId = lessUsed == quiet.Title ? quiet.Id : downloaded.Id;
        await Report(hub, DateTimeOffset.UtcNow, new ResourceActivity(lessUsedId, 50, 0, 0));
        await UntilDownloads(lessUsedId, 50);

        var after = CatalogueHost.Titles(await Host.SearchAsync($"hub={hub}&q=wind%20farm%20output")).ToList();

        Assert.Equal(lessUsed, after[0]);
    }

    [Fact]
    public async Task A_hub_is_not_believed_about_another_hubs_resources_nor_with_an_older_future_or_impossible_report()
    {
        // Straight to the keeper, one report after the other: the order is the test's, not the queue's.
        var keeper = Host.Service<ActivityKeeper>();
        var now = DateTimeOffset.UtcNow;
        await keeper.KeepAsync(new ResourceActivityReported(otherHub, now, [new ResourceActivity(quiet.Id, 1000, 0, 0)]), CancellationToken.None);
        // Dated a day ahead: taken, it would make every honest report after it look older.
        await keeper.KeepAsync(new ResourceActivityReported(hub, now.AddDays(1), [new ResourceActivity(downloaded.Id, 500, 0, 0)]), CancellationToken.None);
        await keeper.KeepAsync(new ResourceActivityReported(hub, now, [new ResourceActivity(downloaded.Id, 7, 0, 0)]), CancellationToken.None);
        await keeper.KeepAsync(new ResourceActivityReported(hub, now.AddMinutes(-1), [new ResourceActivity(downloaded.Id, 3, 0, 0)]), CancellationToken.None);
        await keeper.KeepAsync(new ResourceActivityReported(hub, now.AddMinutes(1),
            [new ResourceActivity(requested.Id, ActivityKeeper.MaxCount + 1, 0, 0)]), CancellationToken.None);
        // In another zone than UTC, as a hub's clock may write it: the same moment.
        await keeper.KeepAsync(new ResourceActivityReported(hub, now.AddSeconds(1).ToOffset(TimeSpan.FromHours(1)),
            [new ResourceActivity(quiet.Id, 2, 0, 0)]), CancellationToken.None);

        var hits = (await Host.SearchAsync($"hub={hub}&sort=popularity")).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("id").GetGuid(), i => i.GetProperty("use").GetProperty("downloads").GetInt64());
        Assert.Equal(2, hits[quiet.Id]);
        Assert.Equal(7, hits[downloaded.Id]);
        Assert.Equal(0, hits[requested.Id]);
    }

    [Fact]
    public async Task Paging_by_popularity_shows_every_resource_once()
    {
        await Report(hub, DateTimeOffset.UtcNow, new ResourceActivity(downloaded.Id, 4, 0, 0));
        await UntilDownloads(downloaded.Id, 4);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Host.SearchAsync($"hub={hub}&sort=popularity&pageSize=1{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(CatalogueHost.Titles(page));
            cursor = page.GetProperty("next").GetString();
        }
        while (cursor is not null);

        Assert.Equal("Wind farm output per minute", seen[0]);
        Assert.Equal(3, seen.Distinct().Count());
        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public async Task Similar_resources_share_keywords_or_words_in_either_language()
    {
        var sequence = 10L;
        var dutch = CatalogueHost.Resource(otherHub, "Windparken op zee: opbrengst per uur", keywords: ["windenergie"]);
        var unrelated = CatalogueHost.Resource(otherHub, "Hospital admissions by week", keywords: ["health"]);
        foreach (var resource in new[] { dutch, unrelated })
        {
            await Host.PublishAsync(Snapshots.Event(resource, ++sequence));
        }

        await Host.WaitForSearchAsync($"hub={otherHub}", r => r.GetProperty("total").GetInt64() == 2, "the other hub's resources");

        var similar = await Host.Client.GetFromJsonAsync<JsonElement>($"/resources/{quiet.Id}/similar");
        var titles = similar.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).ToList();

        Assert.Equal("Wind farm output per minute", titles[0]);
        Assert.Contains("Windparken op zee: opbrengst per uur", titles);
        Assert.DoesNotContain("Hospital admissions by week", titles);
        Assert.DoesNotContain("Wind farm output per hour", titles);
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.Client.GetAsync($"/resources/{quiet.Id}/similar?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Client.GetAsync($"/resources/{Guid.NewGuid()}/similar")).StatusCode);
    }
}

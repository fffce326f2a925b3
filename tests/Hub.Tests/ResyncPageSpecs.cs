using Federation.Contracts.Hub;
using Federation.Hub.Feed;
using Federation.Hub.Resources;
using Microsoft.Extensions.DependencyInjection;
using Federation.Testing.Hosts;

namespace Federation.Hub.Tests;

/// <summary>Resync pages read from a real hub database: every published resource exactly once, ranges that join up.</summary>
public sealed class ResyncPageSpecs : SpecsOnAFresh<HubHost>
{
    [Theory]
    [InlineData(2, HubFeed.MaxPageBytes)]
    [InlineData(500, 1)]
    public async Task Pages_cover_the_whole_range_and_hold_each_resource_once(int limit, int maxBytes)
    {
        var grains = Host.Services.GetRequiredService<IGrainFactory>();
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            var content = ResourceValidator.Validate(new ResourceInput { Kind = "dataset", Title = $"Resource {id}", Licence = "MIT", AccessPolicy = "open", Publisher = "TU/e" }).Content!;
            await grains.GetGrain<IResourceGrain>(id).CreateDraft(content, Federation.Hub.Audit.AuditActor.System("brainport", "test"));
            await grains.GetGrain<IResourceGrain>(id).Publish(null, Federation.Hub.Audit.AuditActor.System("brainport", "test"));
        }

        // A change supersedes the first publication of ids[0]: it must come once, at its latest sequence.
        await grains.GetGrain<IResourceGrain>(ids[0]).Withdraw("test", null, Federation.Hub.Audit.AuditActor.System("brainport", "test"));
        var feed = Host.Services.GetRequiredService<HubFeed>();
        var upTo = (await feed.ReadPositionAsync(CancellationToken.None)).LastSequence;

        var seen = new List<Guid>();
        var after = 0L;
        var pages = 0;
        bool isLast;
        do
        {
            var page = await feed.ReadResyncPageAsync(after, upTo, limit, CancellationToken.None, maxBytes);
            Assert.True(page.CoveredThrough > after || page.IsLast);
            seen.AddRange(page.Resources.Select(r => r.Resource.Id));
            after = page.CoveredThrough;
            isLast = page.IsLast;
            pages++;
        }
        while (!isLast && pages < 100);

        Assert.Equal(upTo, after);
        Assert.Equal(ids.Order(), seen.Order());
        Assert.True(pages >= 3, $"expected several pages, got {pages}");
    }
}

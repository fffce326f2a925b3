using System.Text;
using Federation.Catalogue.AuditHeads;
using Federation.Contracts;
using Federation.ServiceDefaults.Messaging.Signing;
using Marten;

namespace Federation.Catalogue.Tests;

/// <summary>
/// The catalogue keeps the audit heads hubs sign, on its real database: two heads for one place handled at once by two
/// replicas are both kept and marked as contradicting, and a hub that keeps contradicting itself, even in one burst,
/// is counted but stops growing the database past <see cref="AuditHeadOptions.MaxContradictions"/>.
/// </summary>
public sealed class AuditHeadKeeperSpecs : IAsyncLifetime
{
    private const int MaxContradictions = 3;
    private CatalogueHost catalogue = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        catalogue = await CatalogueHost.StartAsync(new Dictionary<string, string>
        {
            ["AuditHeads:KeepEvery"] = "01:00:00",
            ["AuditHeads:MaxContradictions"] = MaxContradictions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    public async ValueTask DisposeAsync() => await catalogue.DisposeAsync();

    [Fact]
    public async Task Two_heads_for_one_place_kept_at_once_are_both_kept_and_marked()
    {
        var keeper = catalogue.Service<AuditHeadKeeper>();
        var replicas = catalogue.AnotherInstance<AuditHeadKeeper>();
        var hubs = Enumerable.Range(0, 10).Select(_ => CatalogueHost.NewHubId()).ToList();

        // Each hub's first two heads arrive at the same moment at two replicas: neither finds the other kept yet.
        foreach (var hub in hubs)
        {
            await Task.WhenAll(keeper.KeepAsync(Heartbeat(hub, 1, Hash('a')), Sender(hub), Cancellation),
                replicas.KeepAsync(Heartbeat(hub, 1, Hash('b')), Sender(hub), Cancellation));
        }

        foreach (var hub in hubs)
        {
            var kept = await KeptAsync(hub);
            Assert.Equal(2, kept.Count);
            Assert.Contains(kept, head => head.Contradicts);
        }
    }

    [Fact]
    public async Task A_hub_that_keeps_contradicting_itself_stops_growing_the_database()
    {
        var hub = CatalogueHost.NewHubId();
        var keeper = catalogue.Service<AuditHeadKeeper>();
        await keeper.KeepAsync(Heartbeat(hub, 5, Hash('0')), Sender(hub), Cancellation);

        // In one burst, as the catalogue takes many messages at once.
        await Task.WhenAll("123456789".Select(digit => keeper.KeepAsync(Heartbeat(hub, 5, Hash(digit)), Sender(hub), Cancellation)));

        var kept = await KeptAsync(hub);
        Assert.Equal(MaxContradictions, kept.Count(head => head.Contradicts));
        Assert.Single(kept, head => !head.Contradicts);
    }

    private async Task<IReadOnlyList<KeptAuditHead>> KeptAsync(string hub)
    {
        await using var session = catalogue.Service<IDocumentStore>().QuerySession();
        return await session.Query<KeptAuditHead>().Where(head => head.HubId == hub).ToListAsync(Cancellation);
    }

    private static string Hash(char digit) => new(digit, 64);

    private static HubHeartbeat Heartbeat(string hub, long records, string hash) =>
        new(hub, hub, new Uri("http://127.0.0.1/"), 0, 0, null, DateTimeOffset.UtcNow, Guid.Empty, AuditRecords: records, AuditHead: hash);

    // What the catalogue's filter hands on once a signature was checked; the keeper keeps it as the proof.
    private static VerifiedSender Sender(string hub) =>
        new(hub, "key-1", DateTimeOffset.UtcNow, "signature", Encoding.UTF8.GetBytes("{}"));
}

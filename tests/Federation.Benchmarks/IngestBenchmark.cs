using System.Diagnostics;
using Federation.Contracts;
using Federation.ServiceDefaults.Messaging;
using Federation.Testing;
using Federation.Trust;
using MassTransit;

namespace Federation.Benchmarks;

/// <summary>
/// Sustained ingest into the searchable catalogue. The events are published to the broker exactly as hubs publish
/// them (same contracts, MassTransit, publisher confirms, each signed by its synthetic hub, which the authority has
/// admitted) while the catalogue is stopped; then the catalogue starts and the clock runs from its first applied event
/// until every one is committed and searchable.
/// </summary>
internal static class IngestBenchmark
{
    private const int Hubs = 7;

    public sealed record Result(int Events, double PublishPerSecond, double IngestPerSecond, TimeSpan IngestTime, long Searchable, double CatalogueRssPeakMiB);

    public static async Task<Result> RunAsync(LocalFederation federation, int events, SyntheticHubs hubs)
    {
        // Each synthetic hub's feed goes on where an earlier run on this catalogue left it.
        var firstSequences = await NextSequencesAsync(federation.Catalogue);
        var before = await AppliedAsync(federation.Catalogue);
        await federation.Catalogue.KillAsync();
        var ids = Enumerable.Range(0, events).Select(_ => Guid.CreateVersion7()).ToArray();
        // One account publishes for every synthetic hub, naming each hub's own account in user_id as that hub would
        // (the broker lets only an impersonator do that); the catalogue checks both, as for real hubs.
        // It publishes through exchanges of its own, as a hub does (a hub's account may not declare the shared ones).
        var (user, password) = await federation.CreateImpersonatorAsync();
        var port = ushort.Parse(LocalInfrastructure.RabbitPort, System.Globalization.CultureInfo.InvariantCulture);
        await OwnExchangeLinks.LinkAsync(
            new RabbitMqOptions { Host = "127.0.0.1", Port = port, VirtualHost = federation.VirtualHost, Username = user, Password = password },
            LocalFederation.LoadGenerator, CancellationToken.None);
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host("127.0.0.1", port, federation.VirtualHost, host =>
            {
                host.Username(user);
                host.Password(password);
            });
            rabbit.OverrideDefaultBusEndpointQueueName(BrokerPermissions.BusEndpointName(HubQueues.For(LocalFederation.LoadGenerator)));
            rabbit.UseFederationPublishTopology(LocalFederation.LoadGenerator);
        });
        await bus.StartAsync();
        var publishClock = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(256))
        {
            await Task.WhenAll(Enumerable.Range(0, events).Select(async n =>
            {
                await gate.WaitAsync();
                try
                {
                    var resourceEvent = SyntheticResources.Event(n, Hubs, ids, firstSequences);
                    var signature = hubs.Sign(resourceEvent);
                    await bus.Publish(resourceEvent, context =>
                    {
                        context.Headers.Set(MessageSignatures.HeaderName, signature);
                        if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
                        {
                            rabbit.BasicProperties.UserId = federation.BrokerUser(resourceEvent.HubId);
                        }
                    });
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        publishClock.Stop();
        await bus.StopAsync();

        await federation.Catalogue.StartAsync();
        await using var memory = new MemorySampler(federation.Catalogue);
        var start = await AppliedAsync(federation.Catalogue);
        var clock = Stopwatch.StartNew();
        long applied;
        do
        {
            await Task.Delay(100);
            applied = await AppliedAsync(federation.Catalogue);
        }
        while (applied - before < events && clock.Elapsed < TimeSpan.FromMinutes(10));

        clock.Stop();
        var search = await federation.Catalogue.CatalogueClient().SearchAsync(
            "pageSize=1&" + string.Join('&', Enumerable.Range(0, Hubs).Select(i => $"hub={SyntheticResources.HubId(i)}")), CancellationToken.None).EnsureSuccessAsync();
        var ingested = applied - start;
        var peaks = memory.PeaksSoFar();
        return new Result(events, events / publishClock.Elapsed.TotalSeconds, ingested / clock.Elapsed.TotalSeconds, clock.Elapsed,
            search.Total, peaks.GetValueOrDefault("catalogue"));
    }

    private static async Task<long[]> NextSequencesAsync(ServiceProcess catalogue)
    {
        var hubs = await catalogue.CatalogueClient().HubsAsync(CancellationToken.None).EnsureSuccessAsync();
        return [.. Enumerable.Range(0, Hubs).Select(i => (hubs.FirstOrDefault(h => h.Id == SyntheticResources.HubId(i))?.LastSequenceApplied ?? 0) + 1)];
    }

    private static async Task<long> AppliedAsync(ServiceProcess catalogue)
    {
        var hubs = await catalogue.CatalogueClient().HubsAsync(CancellationToken.None).EnsureSuccessAsync();
        return hubs.Where(h => h.Id.StartsWith("bench-", StringComparison.Ordinal)).Sum(h => h.LastSequenceApplied);
    }
}

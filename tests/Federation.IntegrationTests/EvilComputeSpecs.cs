using System.Net.Http.Json;
using Federation.Contracts;
using Federation.Contracts.Compute;
using Federation.Contracts.Serialization;
using Federation.Testing;
using static Federation.IntegrationTests.EvilHubFixture;

namespace Federation.IntegrationTests;

/// <summary>
/// Compute messages a careless or hostile member sends, each signed as itself through its own broker account (so the
/// signature holds) and each refused into the receiver's error queue, with the reason logged: a hub deciding on an
/// application or reporting use as if it were a facility, and a hub sending the factory an application of another
/// hub's member, for a call the factory does not have, or with words the open accounting would publish.
/// </summary>
public sealed class EvilComputeSpecs(EvilHubFixture fixture) : IClassFixture<EvilHubFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private LocalFederation Federation => fixture.Federation;

    private static string Factory => LocalFederation.Facility.Id;

    public static TheoryData<string> Forgeries =>
    [
        "a decision on a member's application, from a hub",
        "a report of an allocation's use, from a hub",
        "an application of another hub's member",
        "an application for a call the factory does not have",
        "an application with a province outside the vocabulary",
    ];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_compute_message_no_honest_member_sends_is_refused_into_the_error_queue(string forgery)
    {
        var now = DateTimeOffset.UtcNow;
        var (recipient, message, reason) = forgery switch
        {
            "a decision on a member's application, from a hub" => (Victim, (ISignedMessage)new ComputeApplicationDecided(
                Guid.NewGuid(), Attacker, Victim, Guid.NewGuid(), ComputeApplication.Awarded, null,
                new ComputeAllocationGrant(Guid.NewGuid(), 1_000, "gpu", DateOnly.FromDateTime(now.UtcDateTime), DateOnly.FromDateTime(now.UtcDateTime.AddDays(30)), "fed-x"), now),
                $"'{Attacker}' is a hub, not a compute facility"),
            "a report of an allocation's use, from a hub" => (Victim, new AllocationUsageReported(
                Guid.NewGuid(), Attacker, Victim, Guid.NewGuid(), Guid.NewGuid(), new AllocationUsage(999_999, 1, 1, 1, now)),
                $"'{Attacker}' is a hub, not a compute facility"),
            "an application of another hub's member" => (Factory, Endorsed(Application(await CallAsync()) with { HubId = Victim }),
                "not the sending hub's own"),
            "an application for a call the factory does not have" => (Factory, Endorsed(Application(await CallAsync()) with { CallId = Guid.NewGuid() }),
                "has no call"),
            _ => (Factory, Endorsed(Application(await CallAsync()) with { Province = "Bikini Bottom" }), "vocabularies"),
        };
        var errorQueue = HubQueues.For(recipient) + "_error";
        var before = await LocalInfrastructure.QueueDepthAsync(Federation.VirtualHost, errorQueue) ?? 0;

        await using (var broker = await BrokerClient.ConnectAsync(Federation.VirtualHost, Attacker, Federation.BrokerAccount(Attacker)))
        {
            await broker.PublishAsync(message, BrokerClient.Signature(message, Federation.HubKeyFiles[Attacker]));
        }

        await Eventually.Until(() => LocalInfrastructure.QueueDepthAsync(Federation.VirtualHost, errorQueue), depth => depth > before,
            TimeSpan.FromSeconds(30), $"the forgery in {recipient}'s error queue");
        Assert.Contains(await Federation.Hubs[recipient].ReadLogAsync(), line => line.Contains("refused", StringComparison.Ordinal) && line.Contains(reason, StringComparison.Ordinal));
    }

    private static ComputeApplicationEndorsed Endorsed(ComputeApplication application) =>
        new(Guid.NewGuid(), Attacker, Factory, application, DateTimeOffset.UtcNow);

    // An application in order but for what each case changes: submitted after the call opened, endorsed since.
    private static ComputeApplication Application(ComputeCall call)
    {
        var now = DateTimeOffset.UtcNow;
        return new ComputeApplication(Guid.NewGuid(), Attacker, "pseudonym", "Eve", null, Factory, call.Id, call.Title, "Project", new string('x', 60), 100,
            call.AllocationStart, call.AllocationStart.AddDays(10), "start-up", null, "NL-NB", false, [], "minimal", false, [], ComputeApplication.Endorsed,
            call.OpenedAt, now, EndorsedAt: now);
    }

    // A real open call of the factory, opened by its staff for its offer with calls.
    private async Task<ComputeCall> CallAsync()
    {
        var factory = Federation.Hubs[Factory];
        using var staff = new HttpClient { BaseAddress = factory.BaseUrl };
        staff.DefaultRequestHeaders.Authorization = await factory.StaffAuthorizationAsync();
        var offers = await Eventually.Until(() => staff.GetFromJsonAsync<Contracts.Hub.ResourceList>("resources?kind=compute&state=published", FederationJson.Options, Cancellation),
            list => list!.Items.Any(r => r.Compute?.AccessModes.Any(m => m.Mode == "call") == true), TimeSpan.FromSeconds(60), "the factory's offers");
        var offer = offers!.Items.First(r => r.Compute!.AccessModes.Any(m => m.Mode == "call"));
        var opened = await staff.PostAsJsonAsync("calls", new CallInput(offer.Id, "Evil test call", "", "call", 10_000, ["start-up"], DateTimeOffset.UtcNow.AddDays(10), 0,
            DateOnly.FromDateTime(DateTime.UtcNow), DateOnly.FromDateTime(DateTime.UtcNow.AddDays(100))), FederationJson.Options, Cancellation);
        opened.EnsureSuccessStatusCode();
        return (await opened.Content.ReadFromJsonAsync<ComputeCall>(FederationJson.Options, Cancellation))!;
    }
}

using Federation.Contracts;
using Federation.Contracts.Catalogue;
using Federation.ServiceDefaults.Messaging;
using Federation.Testing;
using Federation.Testing.Faults;
using Federation.Trust;
using RabbitMQ.Client;
using static Federation.IntegrationTests.EvilHubFixture;

namespace Federation.IntegrationTests;

/// <summary>
/// One hub turned hostile, with everything it holds (its broker account, its federation key), tries to act as
/// another on the real broker: forged resource events, withdrawals, resync pages, heartbeats that would reset the
/// victim's feed, announcements that would put its issuer on the trust list, decisions in another hub's name, and a
/// genuine message of its own changed after signing. Each is refused before any consumer sees it, ends in the error
/// queue with its reason, is counted in <c>federation.messages.refused</c> and logged, and leaves the catalogue and
/// the victim exactly as they were.
/// </summary>
[Collection(FederationCollection.Name)]
public sealed class EvilHubSpecs(EvilHubFixture fixture) : IClassFixture<EvilHubFixture>
{
    private LocalFederation Federation => fixture.Federation;

    private ServiceProcess Catalogue => Federation.Catalogue;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string> Forgeries =>
    [
        "a change of the victim's resource, signed by the attacker as itself",
        "a change of the victim's resource, signed with the attacker's key in the victim's name",
        "a withdrawal of the victim's resource, unsigned",
        "a resync page holding the victim's resource, signed by the attacker as itself",
        "a heartbeat in the victim's name with a new feed, signed with the attacker's key",
        "an announcement in the victim's name with the attacker's issuer, signed with the attacker's key",
        "the attacker's own change, altered after it was signed",
        "a change of the victim's resource, signed with the victim's stolen key, sent through the attacker's account",
    ];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forgery_is_refused_counted_logged_and_changes_nothing(string forgery)
    {
        var victim = await Federation.Hubs[Victim].PublishNewAsync($"Slachtoffer {FederationClient.Unique("echt")}");
        var own = await Federation.Hubs[Attacker].PublishNewAsync($"Eigen {FederationClient.Unique("eigen")}");
        await Catalogue.WaitForSearchAsync($"q={Uri.EscapeDataString(victim.Title)}", result => result.Total == 1, "the victim's resource in the catalogue");
        await Catalogue.WaitForSearchAsync($"q={Uri.EscapeDataString(own.Title)}", result => result.Total == 1, "the attacker's resource in the catalogue");
        var before = await StateAsync(victim.Id, own.Id);
        using (var victimsKey = FederationKey.FromPem(await File.ReadAllTextAsync(Federation.HubKeyFiles[Victim], Cancellation)))
        {
            // The catalogue shows which key signed the version it holds: the victim's own.
            Assert.Equal(victimsKey.KeyId, before.SignedWithKey);
        }

        var errorsBefore = (await PoisonMessages.ErrorQueueAsync(Federation.VirtualHost)).Depth;
        var key = Federation.HubKeyFiles[Attacker];
        var forgedVictim = victim with { Title = "Vervalst door de aanvaller", Version = victim.Version + 5 };
        var feed = Guid.NewGuid();

        await using (var broker = await BrokerClient.ConnectAsync(Federation.VirtualHost, Attacker, Federation.BrokerAccount(Attacker)))
        {
            switch (forgery)
            {
                case "a change of the victim's resource, signed by the attacker as itself":
                    var asItself = new ResourceChanged(Victim, victim.Id, forgedVictim.Version, 1_000_000, DateTimeOffset.UtcNow, forgedVictim, feed);
                    await broker.PublishAsync(asItself, BrokerClient.Signature(new ResourceChanged(Attacker, victim.Id, forgedVictim.Version, 1_000_000, DateTimeOffset.UtcNow, forgedVictim with { HubId = Attacker }, feed), key));
                    break;
                case "a change of the victim's resource, signed with the attacker's key in the victim's name":
                    var inVictimsName = new ResourceChanged(Victim, victim.Id, forgedVictim.Version, 1_000_000, DateTimeOffset.UtcNow, forgedVictim, feed);
                    await broker.PublishAsync(inVictimsName, BrokerClient.Signature(inVictimsName, key));
                    break;
                case "a withdrawal of the victim's resource, unsigned":
                    await broker.PublishAsync(new ResourceWithdrawn(Victim, victim.Id, forgedVictim.Version, 1_000_000, DateTimeOffset.UtcNow, forgedVictim with { State = ResourceState.Withdrawn }, feed), signature: null);
                    break;
                case "a resync page holding the victim's resource, signed by the attacker as itself":
                    var page = new ResourcesResent(Attacker, Guid.NewGuid(), 0, 1_000_000, true, [new ResentResource(1_000_000, forgedVictim)], DateTimeOffset.UtcNow, feed);
                    await broker.PublishAsync(page, BrokerClient.Signature(page, key));
                    break;
                case "a heartbeat in the victim's name with a new feed, signed with the attacker's key":
                    var heartbeat = new HubHeartbeat(Victim, "Vervalst", new Uri("https://evil.example/"), 0, 0, null, DateTimeOffset.UtcNow, feed);
                    await broker.PublishAsync(heartbeat, BrokerClient.Signature(heartbeat, key));
                    break;
                case "an announcement in the victim's name with the attacker's issuer, signed with the attacker's key":
                    var announced = new HubAnnounced(Victim, "Vervalst", new Uri("https://evil.example/"), 0, DateTimeOffset.UtcNow, feed, new Uri("https://evil.example/"));
                    await broker.PublishAsync(announced, BrokerClient.Signature(announced, key));
                    break;
                case "a change of the victim's resource, signed with the victim's stolen key, sent through the attacker's account":
                    var withStolenKey = new ResourceChanged(Victim, victim.Id, forgedVictim.Version, 1_000_000, DateTimeOffset.UtcNow, forgedVictim, feed);
                    await broker.PublishAsync(withStolenKey, BrokerClient.Signature(withStolenKey, Federation.HubKeyFiles[Victim]));
                    break;
                default:
                    var genuine = new ResourceChanged(Attacker, own.Id, own.Version + 1, 1_000_000, DateTimeOffset.UtcNow, own with { Version = own.Version + 1 }, feed);
                    var altered = genuine with { Resource = genuine.Resource with { Title = "Na ondertekening gewijzigd" } };
                    await broker.PublishAsync(altered, BrokerClient.Signature(genuine, key));
                    break;
            }
        }

        var errors = await Eventually.Until(() => PoisonMessages.ErrorQueueAsync(Federation.VirtualHost), queue => queue.Depth > errorsBefore,
            TimeSpan.FromSeconds(30), "the forgery in the catalogue's error queue");
        Assert.Contains(errors.Reasons, reason => reason.Contains("is refused", StringComparison.Ordinal));
        var logged = await Catalogue.ReadLogAsync();
        Assert.Contains(logged, line => line.Contains("Refused a ", StringComparison.Ordinal));
        await fixture.Collector.WaitForAsync(
            received => received.Metrics.FirstOrDefault(metric => metric.Service == "catalogue" && metric.Name == "federation.messages.refused"),
            "the refusal counted by the catalogue");
        // Compared after the victim's next heartbeats: whatever the forgery could have done has had time to show.
        await Catalogue.WaitForHubInSyncAsync(Federation.Hubs[Victim], Victim);
        Assert.Equal(before, await StateAsync(victim.Id, own.Id));
    }

    [Fact]
    public async Task A_hub_cannot_put_compute_capacity_into_the_catalogue_even_signed_as_itself()
    {
        // Its own resource, in its own name, through its own account, with its own key: all genuine, except that the
        // authority admitted it as a hub, and only facilities offer compute.
        var own = await Federation.Hubs[Attacker].PublishNewAsync($"Eigen {FederationClient.Unique("gpu")}");
        var client = Catalogue.CatalogueClient();
        await Catalogue.WaitForSearchAsync($"q={Uri.EscapeDataString(own.Title)}", result => result.Total == 1, "the attacker's resource in the catalogue");
        var errorsBefore = (await PoisonMessages.ErrorQueueAsync(Federation.VirtualHost)).Depth;
        var offer = own with
        {
            Kind = ResourceKind.Compute,
            Version = own.Version + 1,
            Title = "Gratis H100-uren voor iedereen",
            Compute = new Contracts.Metadata.ComputeOffer(
                [new Contracts.Metadata.ComputePartition("gpu", "NVIDIA H100", 8, 1000, 2048)], new Contracts.Metadata.ComputeCapacity(10_000_000, "year"),
                "slurm", ["containers"], "Eindhoven", new Contracts.Metadata.FacilityEnergy(1.0, 100, false), ["start-up"],
                [new Contracts.Metadata.ComputeAccessMode("fast-track")]),
            Sovereignty = new Contracts.Metadata.Sovereignty("NL"),
        };
        var changed = new ResourceChanged(Attacker, own.Id, offer.Version, 1_000_000, DateTimeOffset.UtcNow, offer, Guid.NewGuid());

        await using (var broker = await BrokerClient.ConnectAsync(Federation.VirtualHost, Attacker, Federation.BrokerAccount(Attacker)))
        {
            await broker.PublishAsync(changed, BrokerClient.Signature(changed, Federation.HubKeyFiles[Attacker]));
        }

        var errors = await Eventually.Until(() => PoisonMessages.ErrorQueueAsync(Federation.VirtualHost), queue => queue.Depth > errorsBefore,
            TimeSpan.FromSeconds(30), "the offer in the catalogue's error queue");
        Assert.Contains(errors.Reasons, reason => reason.Contains($"'{Attacker}' is a hub, not a compute facility", StringComparison.Ordinal));
        var held = (await client.GetResourceAsync(own.Id, Cancellation).EnsureSuccessAsync()).Resource;
        Assert.Equal((ResourceKind.Dataset, own.Version, own.Title), (held.Kind, held.Version, held.Title));
        Assert.Equal(0, (await client.SearchAsync($"kind=compute&hub={Attacker}", Cancellation).EnsureSuccessAsync()).Total);
    }

    [Fact]
    public async Task A_decision_in_another_hubs_name_never_reaches_a_member()
    {
        var errorQueue = HubQueues.For(Victim) + "_error";
        var before = await LocalInfrastructure.QueueDepthAsync(Federation.VirtualHost, errorQueue) ?? 0;
        var forged = new DecisionMade(Guid.NewGuid(), Third, Victim, "7d3f0c3a-0000-4000-8000-000000000001", "access-request", "approved",
            Guid.NewGuid(), "Vervalst besluit", null, null, "bel 0900-oplichter", DateTimeOffset.UtcNow);

        await using (var broker = await BrokerClient.ConnectAsync(Federation.VirtualHost, Attacker, Federation.BrokerAccount(Attacker)))
        {
            await broker.PublishAsync(forged, BrokerClient.Signature(forged, Federation.HubKeyFiles[Attacker], Third));
        }

        await Eventually.Until(() => LocalInfrastructure.QueueDepthAsync(Federation.VirtualHost, errorQueue), depth => depth > before,
            TimeSpan.FromSeconds(30), "the forged decision in the victim's error queue");
        Assert.Contains(await Federation.Hubs[Victim].ReadLogAsync(), line => line.Contains($"Refused a DecisionMade claiming to come from {Third}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task News_of_a_members_standing_in_another_hubs_name_is_refused()
    {
        var errorQueue = HubQueues.For(Victim) + "_error";
        var before = await LocalInfrastructure.QueueDepthAsync(Federation.VirtualHost, errorQueue) ?? 0;
        var forged = new MemberStandingChanged(Guid.NewGuid(), Third, Victim, "7d3f0c3a-0000-4000-8000-000000000001", MemberStandingChanged.Suspended, DateTimeOffset.UtcNow);

        await using (var broker = await BrokerClient.ConnectAsync(Federation.VirtualHost, Attacker, Federation.BrokerAccount(Attacker)))
        {
            await broker.PublishAsync(forged, BrokerClient.Signature(forged, Federation.HubKeyFiles[Attacker], Third));
        }

        await Eventually.Until(() => LocalInfrastructure.QueueDepthAsync(Federation.VirtualHost, errorQueue), depth => depth > before,
            TimeSpan.FromSeconds(30), "the forged news in the victim's error queue");
        Assert.Contains(await Federation.Hubs[Victim].ReadLogAsync(), line => line.Contains($"Refused a MemberStandingChanged claiming to come from {Third}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hub_cannot_suspend_another_hubs_member_by_naming_them_as_its_own()
    {
        // Signed by the attacker as itself, about the victim's researcher: the attacker can only speak of its own
        // members (home hub, id), so the researcher stays welcome at home and at the third hub.
        var victim = Federation.Hubs[Victim];
        var researcher = (await FederatedSignIn.AtHomeAsync(victim, "researcher")).AccessToken;
        var subject = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(researcher).Subject;
        var claimed = new MemberStandingChanged(Guid.NewGuid(), Attacker, Third, subject, MemberStandingChanged.Removed, DateTimeOffset.UtcNow);

        await using (var broker = await BrokerClient.ConnectAsync(Federation.VirtualHost, Attacker, Federation.BrokerAccount(Attacker)))
        {
            await broker.PublishAsync(claimed, BrokerClient.Signature(claimed, Federation.HubKeyFiles[Attacker]));
        }

        await Eventually.Until(() => Federation.Hubs[Third].ReadLogAsync(),
            log => log.Any(line => line.Contains($"Member standing {claimed.MessageId}: a member of hub {Attacker} is now removed here too", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the third hub to apply the attacker's news about its own member");
        var guest = await FederatedSignIn.GuestTokenAsync(victim, Federation.Hubs[Third], researcher);
        using var atThird = CrossHubAccessSpecs.Bearer(Federation.Hubs[Third], guest.AccessToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await atThird.GetAsync("me/access-requests", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task A_hub_cannot_flood_another_with_news_of_its_members_nor_date_it_out_of_order()
    {
        // Genuine news, signed by the attacker as itself about people it calls its own: what it may say, but bounded.
        var victim = Federation.Hubs[Victim];
        var errorQueue = HubQueues.For(Victim) + "_error";
        static MemberStandingChanged News(string standing, DateTimeOffset changedAt, string? subject = null) =>
            new(Guid.NewGuid(), Attacker, Victim, subject ?? Guid.NewGuid().ToString(), standing, changedAt);
        async Task SendAsync(IEnumerable<MemberStandingChanged> news)
        {
            await using var broker = await BrokerClient.ConnectAsync(Federation.VirtualHost, Attacker, Federation.BrokerAccount(Attacker));
            foreach (var one in news)
            {
                await broker.PublishAsync(one, BrokerClient.Signature(one, Federation.HubKeyFiles[Attacker]));
            }
        }

        Task<string[]> LoggedAsync(IEnumerable<MemberStandingChanged> news, string what) =>
            Eventually.Until(victim.ReadLogAsync, log => news.All(one => log.Any(line => line.Contains($"Member standing {one.MessageId}", StringComparison.Ordinal))),
                TimeSpan.FromSeconds(60), what);

        // As many people as the victim keeps news of (People:MaxRevokedPerHomeHub is 100 here) are taken in.
        var suspensions = Enumerable.Range(0, MaxRevokedPerHomeHub).Select(_ => News(MemberStandingChanged.Suspended, DateTimeOffset.UtcNow)).ToList();
        await SendAsync(suspensions);
        var applied = await LoggedAsync(suspensions, "the victim to apply each suspension");
        Assert.All(suspensions, one => Assert.Contains(applied, line => line.Contains($"Member standing {one.MessageId}: a member of hub {Attacker} is now suspended", StringComparison.Ordinal)));

        // One more person is refused into the error queue, with an alarm in the log; news of someone held still counts.
        var errorsBefore = await LocalInfrastructure.QueueDepthAsync(Federation.VirtualHost, errorQueue) ?? 0;
        var oneTooMany = News(MemberStandingChanged.Suspended, DateTimeOffset.UtcNow);
        var reinstated = News(MemberStandingChanged.Active, DateTimeOffset.UtcNow.AddSeconds(1), suspensions[0].Subject);
        await SendAsync([oneTooMany, reinstated]);
        var logged = await LoggedAsync([oneTooMany, reinstated], "the victim to judge the news past its limit");
        Assert.Contains(logged, line => line.Contains($"Member standing {oneTooMany.MessageId} from hub {Attacker} refused: this hub already holds news of {MaxRevokedPerHomeHub}", StringComparison.Ordinal));
        Assert.Contains(logged, line => line.Contains($"Member standing {reinstated.MessageId}: a member of hub {Attacker} is now active", StringComparison.Ordinal));
        await Eventually.Until(() => LocalInfrastructure.QueueDepthAsync(Federation.VirtualHost, errorQueue), depth => depth > errorsBefore,
            TimeSpan.FromSeconds(30), "the news past the limit in the victim's error queue");

        // News dated ahead would shut out the home hub's real changes until then: refused. News older than the victim
        // keeps anything (30 days) could undo what a purged record held back: ignored. Neither changes anything.
        var ahead = News(MemberStandingChanged.Active, DateTimeOffset.UtcNow.AddDays(1), suspensions[1].Subject);
        var stale = News(MemberStandingChanged.Active, DateTimeOffset.UtcNow.AddDays(-31), suspensions[2].Subject);
        await SendAsync([ahead, stale]);
        logged = await LoggedAsync([ahead, stale], "the victim to judge the news dated ahead and long ago");
        Assert.Contains(logged, line => line.Contains($"Member standing {ahead.MessageId} from hub {Attacker} refused: it is dated in the future", StringComparison.Ordinal));
        Assert.Contains(logged, line => line.Contains($"Member standing {stale.MessageId} from hub {Attacker} is older than what this hub holds", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, line => line.Contains($"Member standing {ahead.MessageId}: ", StringComparison.Ordinal)
            || line.Contains($"Member standing {stale.MessageId}: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_queue_of_the_federation_has_a_limit_no_node_can_fill_past()
    {
        var policies = await LocalInfrastructure.QueuePoliciesAsync(Federation.VirtualHost);

        Assert.Equal("federation-node-queues", policies["catalogue"]);
        Assert.Equal("federation-node-queues", policies[HubQueues.For(Victim)]);
        // Error and skipped queues appear with their first message (bus endpoints with their first reply); those there drop their oldest rather than refuse a fault.
        Assert.All(policies.Where(queue => queue.Key.EndsWith("_error", StringComparison.Ordinal) || queue.Key.EndsWith("_skipped", StringComparison.Ordinal)),
            queue => Assert.Equal("federation-error-queues", queue.Value));
        Assert.All(policies, queue => Assert.True(queue.Value is not null, $"queue {queue.Key} has no limit"));
    }

    [Fact]
    public async Task A_genuine_decision_that_is_no_decision_goes_to_the_error_queue_not_to_a_member()
    {
        // Signed by the attacker as itself, through its own account: proven, and still not something a hub decides.
        var errorQueue = HubQueues.For(Victim) + "_error";
        var before = await LocalInfrastructure.QueueDepthAsync(Federation.VirtualHost, errorQueue) ?? 0;
        var bogus = new DecisionMade(Guid.NewGuid(), Attacker, Victim, "7d3f0c3a-0000-4000-8000-000000000001", "payment", "approved",
            Guid.NewGuid(), "Betaalverzoek", new string('!', 50_000), null, "bel 0900-oplichter", DateTimeOffset.UtcNow);

        await using (var broker = await BrokerClient.ConnectAsync(Federation.VirtualHost, Attacker, Federation.BrokerAccount(Attacker)))
        {
            await broker.PublishAsync(bogus, BrokerClient.Signature(bogus, Federation.HubKeyFiles[Attacker], Attacker));
        }

        // At once, not after the retries a passing fault gets (minutes): it can never become a decision.
        await Eventually.Until(() => LocalInfrastructure.QueueDepthAsync(Federation.VirtualHost, errorQueue), depth => depth > before,
            TimeSpan.FromSeconds(30), "the bogus decision in the victim's error queue");
        Assert.Contains(await Federation.Hubs[Victim].ReadLogAsync(),
            line => line.Contains($"Decision {bogus.MessageId} from {Attacker} refused: 'payment' is not something a hub decides", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_decision_about_another_hubs_resource_goes_to_the_error_queue()
    {
        // Signed by the attacker as itself, about a resource the catalogue shows the victim holds.
        var victims = await Federation.Hubs[Victim].PublishNewAsync($"Van het slachtoffer {FederationClient.Unique("besluit")}");
        await Catalogue.WaitForSearchAsync($"q={Uri.EscapeDataString(victims.Title)}", result => result.Total == 1, "the victim's resource in the catalogue");
        var errorQueue = HubQueues.For(Victim) + "_error";
        var before = await LocalInfrastructure.QueueDepthAsync(Federation.VirtualHost, errorQueue) ?? 0;
        var claimed = new DecisionMade(Guid.NewGuid(), Attacker, Victim, "7d3f0c3a-0000-4000-8000-000000000001", "access-request", "approved",
            victims.Id, "Toegang verleend", null, null, "bel 0900-oplichter", DateTimeOffset.UtcNow);

        await using (var broker = await BrokerClient.ConnectAsync(Federation.VirtualHost, Attacker, Federation.BrokerAccount(Attacker)))
        {
            await broker.PublishAsync(claimed, BrokerClient.Signature(claimed, Federation.HubKeyFiles[Attacker], Attacker));
        }

        await Eventually.Until(() => LocalInfrastructure.QueueDepthAsync(Federation.VirtualHost, errorQueue), depth => depth > before,
            TimeSpan.FromSeconds(30), "the decision in the victim's error queue");
        Assert.Contains(await Federation.Hubs[Victim].ReadLogAsync(), line => line.Contains(
            $"Decision {claimed.MessageId} from {Attacker} refused: resource {victims.Id} is held by {Victim}, not by the deciding hub", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_whose_headers_fill_a_frame_rests_in_the_error_queue_and_the_queue_goes_on()
    {
        // Just under the broker's frame (128 KiB): the message arrives, but a copy with fault headers added would not
        // fit, and a move that fails brings the message back for ever, holding the victim's queue.
        var errorQueue = HubQueues.For(Victim) + "_error";
        var before = await LocalInfrastructure.QueueDepthAsync(Federation.VirtualHost, errorQueue) ?? 0;
        var padding = Enumerable.Range(0, 43).ToDictionary(i => $"X-Padding-{i}", i => new string('p', i == 0 ? 1_000 : 3_000));
        var stuffed = new DecisionMade(Guid.NewGuid(), Attacker, Victim, "7d3f0c3a-0000-4000-8000-000000000001", "access-request", "denied",
            Guid.NewGuid(), "Opgevuld", null, null, null, DateTimeOffset.UtcNow);

        // Behind it, one message the victim logs when it gets to it: the queue goes on only if the first one left it.
        var next = new DecisionMade(Guid.NewGuid(), Attacker, Victim, "7d3f0c3a-0000-4000-8000-000000000001", "payment", "approved",
            Guid.NewGuid(), "Daarna", null, null, null, DateTimeOffset.UtcNow);
        await using (var broker = await BrokerClient.ConnectAsync(Federation.VirtualHost, Attacker, Federation.BrokerAccount(Attacker)))
        {
            await broker.PublishAsync(stuffed, signature: null, headers: padding);
            await broker.PublishAsync(next, BrokerClient.Signature(next, Federation.HubKeyFiles[Attacker], Attacker));
        }

        await Eventually.Until(async () => await Federation.Hubs[Victim].ReadLogAsync(),
            log => log.Any(line => line.Contains($"Decision {next.MessageId} from {Attacker} refused", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the victim to get to the message behind the stuffed one");
        await Eventually.Until(() => LocalInfrastructure.QueueDepthAsync(Federation.VirtualHost, errorQueue), depth => depth >= before + 2,
            TimeSpan.FromSeconds(30), "both messages in the victim's error queue");
        var moved = await LocalInfrastructure.PeekHeadersAsync(Federation.VirtualHost, errorQueue, (int)before + 2);
        Assert.Contains(moved, headers => headers.ContainsKey(ErrorQueues.DroppedHeaders) && !headers.ContainsKey("X-Padding-0"));
    }

    [Fact]
    public async Task A_resync_request_sent_through_the_decisions_exchange_is_refused()
    {
        var errorQueue = HubQueues.For(Victim) + "_error";
        var before = await LocalInfrastructure.QueueDepthAsync(Federation.VirtualHost, errorQueue) ?? 0;
        var request = new ResyncRequested(Victim, Guid.NewGuid(), 0, "vervalst verzoek", DateTimeOffset.UtcNow);

        // The attacker may write decisions for any hub; it names the message a resync request instead.
        await using (var broker = await BrokerClient.ConnectAsync(Federation.VirtualHost, Attacker, Federation.BrokerAccount(Attacker)))
        {
            await broker.SendToDecisionsAsync(request, routingKey: Victim);
        }

        await Eventually.Until(() => LocalInfrastructure.QueueDepthAsync(Federation.VirtualHost, errorQueue), depth => depth > before,
            TimeSpan.FromSeconds(30), "the disguised request in the victim's error queue");
        Assert.Contains(await Federation.Hubs[Victim].ReadLogAsync(), line => line.Contains($"is taken only from {HubQueues.ResyncExchange}", StringComparison.Ordinal));
        Assert.DoesNotContain(await Federation.Hubs[Victim].ReadLogAsync(), line => line.Contains("because vervalst verzoek", StringComparison.Ordinal));
    }

    public static TheoryData<string> BrokerAttempts =>
    [
        "consume the victim's queue",
        "bind its own queue to the decisions routed to the victim",
        "ask the victim to resend, as only the catalogue may",
        "delete the victim's queue",
        "publish straight into the victim's queue",
        "publish with the victim's account named in user_id",
        "delete a shared exchange",
        "declare a shared exchange",
        "delete the victim's own exchange",
        "unbind the victim's own exchange from the shared one",
        "bind the decisions routed to the victim to its own queue's exchange",
        "delete the victim's bus endpoint",
        "publish into the victim's own exchange",
        "bind its own exchange to every decision",
    ];

    [Theory]
    [MemberData(nameof(BrokerAttempts))]
    public async Task The_broker_refuses_the_attackers_account_what_is_not_its_own(string attempt)
    {
        var victimsQueue = HubQueues.For(Victim);
        var (user, password) = Federation.BrokerAccount(Attacker);
        bool Refusal(string line) => line.Contains(user, StringComparison.Ordinal)
            && (line.Contains("access_refused", StringComparison.Ordinal) || line.Contains("precondition_failed", StringComparison.Ordinal));
        var loggedBefore = (await LocalInfrastructure.BrokerLogAsync()).Count(Refusal);
        var factory = new RabbitMQ.Client.ConnectionFactory
        {
            HostName = "127.0.0.1",
            Port = int.Parse(LocalInfrastructure.RabbitPort, System.Globalization.CultureInfo.InvariantCulture),
            VirtualHost = Federation.VirtualHost,
            UserName = user,
            Password = password,
        };
        await using var connection = await factory.CreateConnectionAsync(Cancellation);
        await using var channel = await connection.CreateChannelAsync(new RabbitMQ.Client.CreateChannelOptions(true, true), Cancellation);
        var body = "{}"u8.ToArray();
        var changes = BrokerExchanges.Of(typeof(ResourceChanged));
        var victimsChanges = BrokerExchanges.OwnedBy(Victim, changes);

        var refusal = await Record.ExceptionAsync(async () =>
        {
            switch (attempt)
            {
                case "consume the victim's queue":
                    await channel.BasicConsumeAsync(victimsQueue, autoAck: false, new RabbitMQ.Client.Events.AsyncEventingBasicConsumer(channel));
                    break;
                case "bind its own queue to the decisions routed to the victim":
                    await channel.QueueBindAsync(HubQueues.For(Attacker), HubQueues.DecisionExchange, Victim, cancellationToken: Cancellation);
                    break;
                case "ask the victim to resend, as only the catalogue may":
                    await channel.BasicPublishAsync(HubQueues.ResyncExchange, Victim, mandatory: false, new RabbitMQ.Client.BasicProperties { UserId = user }, body, Cancellation);
                    break;
                case "delete the victim's queue":
                    await channel.QueueDeleteAsync(victimsQueue, ifUnused: false, ifEmpty: false, cancellationToken: Cancellation);
                    break;
                case "publish straight into the victim's queue":
                    await channel.BasicPublishAsync("", victimsQueue, mandatory: false, new RabbitMQ.Client.BasicProperties { UserId = user }, body, Cancellation);
                    break;
                case "publish with the victim's account named in user_id":
                    await channel.BasicPublishAsync(changes, "", mandatory: false,
                        new RabbitMQ.Client.BasicProperties { UserId = Federation.BrokerUser(Victim) }, body, Cancellation);
                    break;
                case "delete a shared exchange":
                    await channel.ExchangeDeleteAsync(changes, cancellationToken: Cancellation);
                    break;
                case "declare a shared exchange":
                    await channel.ExchangeDeclareAsync(HubQueues.DecisionExchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: Cancellation);
                    break;
                case "delete the victim's own exchange":
                    await channel.ExchangeDeleteAsync(victimsChanges, cancellationToken: Cancellation);
                    break;
                case "unbind the victim's own exchange from the shared one":
                    await channel.ExchangeUnbindAsync(changes, victimsChanges, "", cancellationToken: Cancellation);
                    break;
                case "delete the victim's bus endpoint":
                    // MassTransit makes a bus endpoint only when one is needed: the victim's, or one it could make next.
                    var endpoint = (await LocalInfrastructure.QueuePoliciesAsync(Federation.VirtualHost)).Keys
                        .FirstOrDefault(queue => queue.StartsWith(victimsQueue + "_bus_", StringComparison.Ordinal)) ?? BrokerPermissions.BusEndpointName(victimsQueue);
                    await channel.QueueDeleteAsync(endpoint, ifUnused: false, ifEmpty: false, cancellationToken: Cancellation);
                    break;
                case "bind the decisions routed to the victim to its own queue's exchange":
                    await channel.ExchangeBindAsync(HubQueues.For(Attacker), HubQueues.DecisionExchange, Victim, cancellationToken: Cancellation);
                    break;
                case "publish into the victim's own exchange":
                    await channel.BasicPublishAsync(victimsChanges, "", mandatory: false, new RabbitMQ.Client.BasicProperties { UserId = user }, body, Cancellation);
                    break;
                case "bind its own exchange to every decision":
                    await channel.ExchangeBindAsync(HubQueues.For(Attacker), HubQueues.DecisionExchange, "#", cancellationToken: Cancellation);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(attempt), attempt, "No such attempt.");
            }
        });

        // The broker closes the channel: 403 ACCESS_REFUSED, or 406 PRECONDITION_FAILED for a user_id not the connection's.
        var closed = Assert.IsAssignableFrom<RabbitMQ.Client.Exceptions.OperationInterruptedException>(refusal);
        Assert.Contains(closed.ShutdownReason?.ReplyCode, new ushort?[] { 403, 406 });
        // The broker writes its log on its own time: the line is waited for, not expected at once.
        await Eventually.Until(LocalInfrastructure.BrokerLogAsync, lines => lines.Count(Refusal) > loggedBefore, TimeSpan.FromSeconds(15), "the broker's log of the refusal");
        // The victim's queue is still there and still consumed by the victim alone (the management API's figures lag).
        Assert.NotNull(await LocalInfrastructure.QueueDepthAsync(Federation.VirtualHost, victimsQueue));
        await Eventually.Until(() => LocalInfrastructure.ConsumerCountAsync(Federation.VirtualHost, victimsQueue), consumers => consumers == 1,
            TimeSpan.FromSeconds(15), "the victim's queue consumed by the victim");
        // What the victim sends still reaches the catalogue through its own exchange, and only its own decisions reach it.
        Assert.Contains($"{changes} ", await LocalInfrastructure.BindingsFromAsync(Federation.VirtualHost, victimsChanges));
        Assert.DoesNotContain($"{HubQueues.For(Attacker)} {Victim}", await LocalInfrastructure.BindingsFromAsync(Federation.VirtualHost, HubQueues.DecisionExchange));
        var published = await Federation.Hubs[Victim].PublishNewAsync($"Na de poging {FederationClient.Unique("na")}");
        await Catalogue.WaitForSearchAsync($"q={Uri.EscapeDataString(published.Title)}", result => result.Total == 1, "the victim's next resource in the catalogue");
    }

    private async Task<(int Version, string Title, string? SignedWithKey, int Own, long Applied, int Count, string Issuer)> StateAsync(Guid victim, Guid own)
    {
        var client = Catalogue.CatalogueClient();
        var held = await client.GetResourceAsync(victim, Cancellation).EnsureSuccessAsync();
        var resource = held.Resource;
        var attackers = (await client.GetResourceAsync(own, Cancellation).EnsureSuccessAsync()).Resource;
        var hub = await client.HubAsync(Victim, Cancellation).EnsureSuccessAsync();
        var trustList = await client.TrustListAsync(Cancellation).EnsureSuccessAsync();
        return (resource.Version, resource.Title, held.SignedWithKey, attackers.Version, hub.LastSequenceApplied, hub.ResourceCount,
            trustList.Hubs.Single(entry => entry.HubId == Victim).Issuer.AbsoluteUri);
    }
}

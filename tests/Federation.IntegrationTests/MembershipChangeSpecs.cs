using System.Diagnostics;
using Federation.Testing;
using Federation.Testing.Faults;

namespace Federation.IntegrationTests;

/// <summary>
/// The authority's word takes effect everywhere, and a hub's key can change without a pause: a suspended hub's events
/// are refused by the catalogue and its members' tokens by the other hubs within the refresh bound
/// (<see cref="LocalFederation.MembershipRefresh"/> here), and what it published meanwhile arrives once it is
/// reinstated; a hub that rolls its federation key over is believed before, during and after the rollover, and so is
/// every member while the authority rolls its own key over.
/// </summary>
[Collection(FederationCollection.Name)]
public sealed class MembershipChangeSpecs : IAsyncLifetime
{
    private const string Hub = "amsterdam", Peer = "brainport";
    private LocalFederation federation = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => federation = await LocalFederation.CreateAsync(
        "members",
        catalogueSettings: new Dictionary<string, string> { ["Sync__GapGrace"] = "00:00:01", ["Sync__CheckInterval"] = "00:00:00.500", ["Sync__ResyncTimeout"] = "00:00:05" },
        hubSettings: new Dictionary<string, string> { ["Hub__HeartbeatInterval"] = "00:00:01" },
        hubs: [Hub, Peer]);

    public async ValueTask DisposeAsync() => await federation.DisposeAsync();

    [Fact]
    public async Task A_suspended_hub_is_refused_everywhere_within_the_bound_and_catches_up_when_reinstated()
    {
        var hub = federation.Hubs[Hub];
        var peer = federation.Hubs[Peer];
        var member = (await FederatedSignIn.AtHomeAsync(hub, "researcher")).AccessToken;
        await FederatedSignIn.GuestTokenAsync(hub, peer, member);
        var authority = federation.Authority.Client;

        var suspended = Stopwatch.StartNew();
        await authority.SuspendAsync(Hub, "Its key may have leaked.", Cancellation).EnsureSuccessAsync();
        // Refused at the peer once it has read the authority again (the onward token itself still comes from the suspended hub).
        await Eventually.Until(async () =>
        {
            try
            {
                await HubSignIn.ExchangeAsync(hub.Http, peer.Http, Peer, member);
                return false;
            }
            catch (TokenRefusedException)
            {
                return true;
            }
        }, refused => refused, TimeSpan.FromSeconds(30), "the peer to refuse the suspended hub's member");
        TestContext.Current.SendDiagnosticMessage($"tokens refused {suspended.ElapsedMilliseconds} ms after the suspension");
        // The catalogue reads the authority on its own timer: once its trust list has dropped the hub, it refuses the
        // hub's events too.
        await Eventually.Until(async () => await federation.Catalogue.CatalogueClient().TrustListAsync(Cancellation).EnsureSuccessAsync(),
            trustList => trustList.Hubs.All(entry => entry.HubId != Hub), TimeSpan.FromSeconds(30), "the catalogue to drop the suspended hub");
        TestContext.Current.SendDiagnosticMessage($"catalogue dropped the hub {suspended.ElapsedMilliseconds} ms after the suspension");
        var errorsBefore = (await PoisonMessages.ErrorQueueAsync(federation.VirtualHost)).Depth;
        var during = await hub.PublishNewAsync($"Tijdens schorsing {FederationClient.Unique("geschorst")}");

        await Eventually.Until(() => PoisonMessages.ErrorQueueAsync(federation.VirtualHost), queue => queue.Depth > errorsBefore, TimeSpan.FromSeconds(30),
            "the suspended hub's event refused by the catalogue");
        Assert.Equal(0, (await federation.Catalogue.SearchAsync($"q={Uri.EscapeDataString(during.Title)}")).Total);
        Assert.Contains(await federation.Catalogue.ReadLogAsync(), line => line.Contains($"claiming to come from {Hub}: {Hub} is not a member", StringComparison.Ordinal));

        await authority.ReinstateAsync(Hub, "Key rotated.", Cancellation).EnsureSuccessAsync();

        // Nothing is lost: the catalogue finds the gap and asks the hub to resend.
        await federation.Catalogue.WaitForSearchAsync($"q={Uri.EscapeDataString(during.Title)}", result => result.Total == 1, "the resource published during the suspension", seconds: 60);
        await FederatedSignIn.GuestTokenAsync(hub, peer, member);
    }

    [Fact]
    public async Task A_hub_rolls_its_federation_key_over_without_a_message_refused()
    {
        var oldKey = federation.HubKeyFiles[Hub];
        var newKey = await federation.Authority.NewKeyAsync($"{Hub}-next");
        var url = federation.Hubs[Hub].BaseUrl;
        var errorsBefore = (await PoisonMessages.ErrorQueueAsync(federation.VirtualHost)).Depth;

        // 1. The authority vouches for both keys; 2. the hub signs with the new one; 3. the authority drops the old one.
        await federation.Authority.AdmitHubAsync(Hub, "AI-hub Amsterdam", url, [oldKey, newKey]);
        await PublishedAndFoundAsync("beide sleutels");
        await Task.Delay(LocalFederation.MembershipRefresh * 2, Cancellation);
        await federation.RedeployHubAsync(Hub, new Dictionary<string, string> { ["Federation__KeyFiles__0"] = newKey, ["Federation__KeyFiles__1"] = oldKey });
        await PublishedAndFoundAsync("nieuwe sleutel");
        await federation.Authority.AdmitHubAsync(Hub, "AI-hub Amsterdam", url, [newKey]);
        await Task.Delay(LocalFederation.MembershipRefresh * 2, Cancellation);
        await PublishedAndFoundAsync("oude sleutel weg");

        Assert.Equal(errorsBefore, (await PoisonMessages.ErrorQueueAsync(federation.VirtualHost)).Depth);
        var statement = await federation.Authority.Client.FetchAsync(url, Cancellation).EnsureSuccessAsync();
        Assert.Single(Trust.EntityStatements.Peek(statement)!.Keys);
    }

    [Fact]
    public async Task The_authority_rolls_its_key_over_without_a_message_or_token_refused()
    {
        // Hubs are redeployed below: each step takes the process running then.
        var member = (await FederatedSignIn.AtHomeAsync(federation.Hubs[Hub], "researcher")).AccessToken;
        var oldAnchor = federation.Authority.AnchorPublicKeyFile;
        var newAnchor = await federation.Authority.NewKeyAsync("authority-next");
        var errorsBefore = (await PoisonMessages.ErrorQueueAsync(federation.VirtualHost)).Depth;
        const string First = "Federation__Authority__PublicKeyFiles__0", Second = "Federation__Authority__PublicKeyFiles__1";

        // 1. Every node trusts both keys, redeployed one after another.
        await RedeployEveryNodeAsync(new Dictionary<string, string> { [First] = oldAnchor, [Second] = newAnchor + ".pub" });
        await PublishedAndFoundAsync("beide ankers");
        // 2. The authority signs with the new key; the nodes' next read gets statements only it can verify.
        await federation.Authority.RedeployAsync(new Dictionary<string, string> { ["Authority__SigningKeyFiles__0"] = newAnchor });
        await Task.Delay(LocalFederation.MembershipRefresh * 2, Cancellation);
        await PublishedAndFoundAsync("nieuw anker");
        await FederatedSignIn.GuestTokenAsync(federation.Hubs[Hub], federation.Hubs[Peer], member);
        // 3. The nodes drop the old key.
        await RedeployEveryNodeAsync(new Dictionary<string, string> { [First] = newAnchor + ".pub" }, removed: [Second]);
        await PublishedAndFoundAsync("oud anker weg");
        await FederatedSignIn.GuestTokenAsync(federation.Hubs[Hub], federation.Hubs[Peer], (await FederatedSignIn.AtHomeAsync(federation.Hubs[Hub], "researcher")).AccessToken);

        Assert.Equal(errorsBefore, (await PoisonMessages.ErrorQueueAsync(federation.VirtualHost)).Depth);
        Assert.DoesNotContain(await federation.Catalogue.ReadLogAsync(), line => line.Contains("Refused a ", StringComparison.Ordinal));
        var trustList = await federation.Catalogue.CatalogueClient().TrustListAsync(Cancellation).EnsureSuccessAsync();
        Assert.Equal([Hub, Peer], trustList.Hubs.Select(entry => entry.HubId).Order());
    }

    [Fact]
    public async Task A_node_restarted_while_the_authority_is_away_trusts_the_members_it_kept()
    {
        var member = (await FederatedSignIn.AtHomeAsync(federation.Hubs[Hub], "researcher")).AccessToken;
        // Kept by the peer at its last reads of the authority.
        await FederatedSignIn.GuestTokenAsync(federation.Hubs[Hub], federation.Hubs[Peer], member);

        await federation.Authority.Process.KillAsync();
        await federation.RedeployHubAsync(Peer, new Dictionary<string, string>());
        await federation.RedeployCatalogueAsync(new Dictionary<string, string>());

        // The first read fails, so each falls back on the statements it kept, verified again.
        await FederatedSignIn.GuestTokenAsync(federation.Hubs[Hub], federation.Hubs[Peer], member);
        await PublishedAndFoundAsync("autoriteit weg");
    }

    private async Task RedeployEveryNodeAsync(Dictionary<string, string> changes, IEnumerable<string>? removed = null)
    {
        await federation.RedeployCatalogueAsync(changes, removed);
        foreach (var id in new[] { Hub, Peer })
        {
            await federation.RedeployHubAsync(id, changes, removed);
        }
    }

    private async Task PublishedAndFoundAsync(string words)
    {
        var title = $"Sleutelwissel {FederationClient.Unique(words.Replace(' ', '-'))}";
        await federation.Hubs[Hub].PublishNewAsync(title);
        await federation.Catalogue.WaitForSearchAsync($"q={Uri.EscapeDataString(title)}", result => result.Total == 1, $"the resource signed with {words}");
    }
}

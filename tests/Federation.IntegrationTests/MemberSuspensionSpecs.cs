using System.Net;
using System.Security.Cryptography;
using Federation.Clients.Hubs;
using Federation.Contracts.Hub;
using Federation.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Federation.IntegrationTests;

/// <summary>
/// A member suspended at home loses access at the next request at home and at every other hub, not when their
/// tokens expire: the home hub tells each hub over the broker, which refuses the guest token it issued, ends its
/// grants to the person with a reason and refuses a new exchange. Reinstated, the person signs in again and is
/// welcome everywhere (an ended grant stays ended). Each test runs its own federation of two hubs, as it changes
/// a demo member's standing.
/// </summary>
[Collection(FederationCollection.Name)]
public sealed class MemberSuspensionSpecs : IAsyncLifetime
{
    private const string Home = "amsterdam", Other = "brainport";
    private LocalFederation federation = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => federation = await LocalFederation.CreateAsync("standing", hubs: [Home, Other]);

    public async ValueTask DisposeAsync() => await federation.DisposeAsync();

    [Fact]
    public async Task Suspension_cuts_off_access_at_the_home_hub_and_at_another_hub_at_the_next_request()
    {
        var home = federation.Hubs[Home];
        var other = federation.Hubs[Other];
        var (dataset, artifact) = await RestrictedDatasetAsync(other);
        var researcher = await FederatedSignIn.AtHomeAsync(home, "researcher");
        var subject = new JsonWebToken(researcher.AccessToken).Subject;
        using var atHome = CrossHubAccessSpecs.Bearer(home, researcher.AccessToken);
        using var guest = CrossHubAccessSpecs.Bearer(other, (await FederatedSignIn.GuestTokenAsync(home, other, researcher.AccessToken)).AccessToken);
        var otherStaff = other.HubClient((await FederatedSignIn.AtHomeAsync(other, "staff")).AccessToken);
        var grant = (await otherStaff.GrantAsync(dataset, new GrantInput(Grant.Person, Home, subject, null, DateTimeOffset.UtcNow.AddDays(30)), Cancellation))
            .EnsureSuccess();
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync($"resources/{dataset}/artifacts/{artifact}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await atHome.GetAsync("me/notifications")).StatusCode);
        var homeStaff = home.HubClient((await FederatedSignIn.AtHomeAsync(home, "staff")).AccessToken);

        (await homeStaff.SuspendMemberAsync(Guid.Parse(subject), new MembershipChangeInput("Gedeelde inloggegevens."), Cancellation)).EnsureSuccess();

        Assert.Equal(HttpStatusCode.Unauthorized, (await atHome.GetAsync("me/notifications")).StatusCode);
        await Eventually.Until(() => guest.GetAsync($"resources/{dataset}/artifacts/{artifact}"),
            answer => answer.StatusCode == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(20), "the other hub to refuse the suspended member's guest token");
        var ended = (await otherStaff.ListGrantsAsync(dataset, live: false, Cancellation)).EnsureSuccess().Single(g => g.Id == grant.Id);
        Assert.NotNull(ended.RevokedAt);
        Assert.Contains($"suspended at their home hub {Home}", ended.RevokeReason, StringComparison.Ordinal);
        // The token the suspended person held is no way to a new one, at home or at the other hub.
        await Assert.ThrowsAsync<TokenRefusedException>(() => HubSignIn.OnwardTokenAsync(home.Http, Other, researcher.AccessToken));
        var audit = (await otherStaff.AuditAsync(new AuditFilter(Action: "member.standing-received", Limit: 10), Cancellation)).EnsureSuccess();
        Assert.Contains(audit.Items, record => record.Target == $"{Home}:{subject}" && record.ActorHub == Home);

        (await homeStaff.ReinstateMemberAsync(Guid.Parse(subject), new MembershipChangeInput("Opgehelderd."), Cancellation)).EnsureSuccess();

        var again = await FederatedSignIn.AtHomeAsync(home, "researcher");
        var welcome = await Eventually.Until(async () =>
        {
            try
            {
                return (await HubSignIn.ExchangeAsync(home.Http, other.Http, Other, again.AccessToken)).AccessToken;
            }
            catch (TokenRefusedException)
            {
                return null;
            }
        }, token => token is not null, TimeSpan.FromSeconds(20), "the other hub to honour the reinstated member again");
        using var back = CrossHubAccessSpecs.Bearer(other, welcome!);
        // Welcome again, but the grant that ended stays ended: access is asked for anew.
        Assert.Equal(HttpStatusCode.Forbidden, (await back.GetAsync($"resources/{dataset}/artifacts/{artifact}")).StatusCode);
    }

    [Fact]
    public async Task Removal_reaches_the_other_hub_which_closes_the_persons_open_request_forgets_their_words_and_refuses_their_onward_token()
    {
        var home = federation.Hubs[Home];
        var other = federation.Hubs[Other];
        var (dataset, _) = await RestrictedDatasetAsync(other);
        var researcher = await FederatedSignIn.AtHomeAsync(home, "researcher");
        var subject = new JsonWebToken(researcher.AccessToken).Subject;
        var guest = other.HubClient((await FederatedSignIn.GuestTokenAsync(home, other, researcher.AccessToken)).AccessToken);
        var request = (await guest.RequestAccessAsync(dataset, new AccessRequestInput("Slijtage voorspellen voor mijn proefschrift.", AcceptTerms: true), Cancellation))
            .EnsureSuccess();
        // Issued by the home hub while the person was still a member, and not yet exchanged at the other hub.
        var onward = await HubSignIn.OnwardTokenAsync(home.Http, Other, researcher.AccessToken);
        var homeStaff = home.HubClient((await FederatedSignIn.AtHomeAsync(home, "staff")).AccessToken);
        var otherStaff = other.HubClient((await FederatedSignIn.AtHomeAsync(other, "staff")).AccessToken);

        (await homeStaff.RemoveMemberAsync(Guid.Parse(subject), new MembershipChangeInput("Heeft de hub verlaten."), Cancellation)).EnsureSuccess();

        var closed = await Eventually.Until(
            async () => (await otherStaff.ListAccessRequestsAsync(state: null, resourceId: dataset, Cancellation)).EnsureSuccess().Single(r => r.Id == request.Id),
            held => held.State == "denied", TimeSpan.FromSeconds(20), "the other hub to close the removed person's open request");
        Assert.Equal("The requester's membership of their home hub ended.", closed.DecisionReason);
        Assert.DoesNotContain("proefschrift", closed.Purpose, StringComparison.Ordinal);
        Assert.NotEqual(request.RequesterName, closed.RequesterName);
        var refused = await Assert.ThrowsAsync<TokenRefusedException>(() => HubSignIn.RequestTokenAsync(other.Http, HubSignIn.ExchangeForm(onward.AccessToken)));
        Assert.Contains("invalid_grant", refused.Body, StringComparison.Ordinal);
        var audit = (await otherStaff.AuditAsync(new AuditFilter(Action: "token.exchange", Limit: 20), Cancellation)).EnsureSuccess();
        Assert.Contains(audit.Items, record => record.Outcome == "refused" && record.ActorSubject == subject && record.ActorName is null);
    }

    private static async Task<(Guid Dataset, Guid Artifact)> RestrictedDatasetAsync(ServiceProcess hub)
    {
        var dataset = await hub.CreateAsync(new ResourceInput
        {
            Kind = "dataset", Title = $"Slijtagemetingen {Guid.NewGuid():N}", Summary = "Restricted machine data.", Licence = "CC-BY-NC-4.0",
            AccessPolicy = "approval", Publisher = "Kempen Precision Parts B.V.",
        });
        await hub.PublishAsync(dataset.Id);
        var file = RandomNumberGenerator.GetBytes(1000);
        var uploaded = (await hub.StaffClient().UploadArtifactAsync(dataset.Id, "metingen.bin", new MemoryStream(file), "application/octet-stream",
            file.Length, Cancellation)).EnsureSuccess();
        return (dataset.Id, uploaded.Id);
    }
}

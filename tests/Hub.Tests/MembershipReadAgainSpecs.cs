using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.ServiceDefaults.Membership;
using Microsoft.Extensions.DependencyInjection;

namespace Federation.Hub.Tests;

/// <summary>
/// A hub the authority has just admitted is believed at once: a token from an issuer this hub does not know makes it
/// read the authority again before refusing, instead of waiting for its next periodic read (an hour here).
/// </summary>
public sealed class MembershipReadAgainSpecs : PeerHubSpecs
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Federation:Authority:RefreshInterval"] = "01:00:00" };

    protected override bool PeerAdmittedAtStart => false;

    [Fact]
    public async Task A_token_of_a_hub_admitted_after_the_last_read_is_exchanged_at_once()
    {
        // Reads asked for are spaced; the start's read must lie behind.
        await Task.Delay(MembershipRefresher.ReadOnDemandAtMostEvery, TestContext.Current.CancellationToken);
        Assert.Null(Host.Services.GetRequiredService<FederationMembers>().Find(FakePeerHub.PeerId));

        Peer.SetPeerTrusted(true);
        var answer = await ExchangeAsync(Peer.Token());

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.NotNull(Host.Services.GetRequiredService<FederationMembers>().Find(FakePeerHub.PeerId));
    }

    [Fact]
    public async Task An_issuer_the_authority_does_not_list_is_still_refused_after_the_read()
    {
        await Task.Delay(MembershipRefresher.ReadOnDemandAtMostEvery, TestContext.Current.CancellationToken);
        var readsBefore = Peer.ListReads;

        var answer = await ExchangeAsync(Peer.Token());

        Assert.Equal(readsBefore + 1, Peer.ListReads);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var refusal = await answer.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains("not on the federation trust list", refusal.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_unknown_senders_at_once_cost_the_authority_one_read()
    {
        await Task.Delay(MembershipRefresher.ReadOnDemandAtMostEvery, TestContext.Current.CancellationToken);
        var readsBefore = Peer.ListReads;
        var burst = System.Diagnostics.Stopwatch.StartNew();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ExchangeAsync(Peer.Token())));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode));
        // One read, and one more for each spacing the burst outlasted on a slow machine; never one per sender.
        var allowed = 1 + (int)(burst.Elapsed / MembershipRefresher.ReadOnDemandAtMostEvery);
        Assert.InRange(Peer.ListReads - readsBefore, 1, Math.Min(allowed, 19));
    }
}

using Federation.Catalogue.Registry;
using Federation.Catalogue.Sync;

namespace Federation.Catalogue.Tests;

public sealed class ResyncPolicySpecs
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly SyncOptions Options = new() { GapGrace = TimeSpan.FromSeconds(3), ResyncTimeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public void A_hub_behind_without_progress_for_longer_than_the_grace_is_asked_to_resend()
    {
        var hub = new HubRecord { Id = "brainport", ReportedThrough = 10, BehindSince = Now.AddSeconds(-4) };
        hub.Applied.Cover(0, 6);

        Assert.Equal(6, ResyncPolicy.Decide(hub, Now, Options)?.After);
    }

    [Fact]
    public void A_hub_just_behind_is_given_time()
    {
        var hub = new HubRecord { Id = "brainport", ReportedThrough = 10, BehindSince = Now.AddSeconds(-1) };
        Assert.Null(ResyncPolicy.Decide(hub, Now, Options));
    }

    [Fact]
    public void A_digest_mismatch_asks_for_everything()
    {
        var hub = new HubRecord { Id = "brainport", DigestMatches = false };
        Assert.Equal(0, ResyncPolicy.Decide(hub, Now, Options)?.After);
    }

    [Fact]
    public void An_outstanding_request_is_not_repeated_while_the_hub_is_silent()
    {
        var hub = new HubRecord
        {
            Id = "brainport", DigestMatches = false, LastHeartbeatAt = Now.AddMinutes(-5),
            Resync = new ResyncState(Guid.NewGuid(), 0, "x", Now.AddMinutes(-2)),
        };
        Assert.Null(ResyncPolicy.Decide(hub, Now, Options));

        hub.LastHeartbeatAt = Now.AddSeconds(-1);
        Assert.NotNull(ResyncPolicy.Decide(hub, Now, Options));
    }
}

using Federation.Catalogue.Registry;

namespace Federation.Catalogue.Sync;

/// <summary>Decides from a hub's record whether to ask it to resend, and from which sequence.</summary>
public static class ResyncPolicy
{
    public static (long After, string Reason)? Decide(HubRecord hub, DateTimeOffset now, SyncOptions options)
    {
        if (hub.Resync is { } outstanding)
        {
            // Ask again only if the hub is alive (it spoke since) and still has not answered; a hub that is away
            // finds the first request waiting in its queue when it returns.
            var timedOut = now - outstanding.RequestedAt > options.ResyncTimeout;
            if (!timedOut || hub.LastHeartbeatAt is null || hub.LastHeartbeatAt <= outstanding.RequestedAt)
            {
                return null;
            }
        }

        if (hub.DigestMatches == false)
        {
            return (0, "digest mismatch");
        }

        if (hub.BehindSince is { } since && now - since > options.GapGrace)
        {
            return hub.Applied.HasGap
                ? (hub.Applied.ContiguousThrough, $"gap after sequence {hub.Applied.ContiguousThrough}")
                : (hub.Applied.ContiguousThrough, $"behind: hub published through {hub.ReportedThrough}, applied through {hub.Applied.ContiguousThrough}");
        }

        return null;
    }
}

using System.Diagnostics.Metrics;
using Federation.Trust;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Federation.ServiceDefaults.Membership;

/// <summary>
/// Keeps <see cref="FederationMembers"/> equal to what the authority vouches for: a read of the authority at start and
/// every <see cref="MembershipOptions.RefreshInterval"/>. Only when the first read fails are the statements kept by the
/// node's <see cref="IMembershipStore"/> used (verified again): kept statements signed with an authority key the node no
/// longer trusts (after the authority's key rollover) must not stand in for the authority's current word. While the
/// authority cannot be read the last members stay, each only until its statement expires; nothing is ever trusted by
/// default.
/// </summary>
public sealed partial class MembershipRefresher(
    FederationMembers members,
    IHttpClientFactory httpClients,
    IServiceProvider services,
    IOptions<MembershipOptions> options,
    IMeterFactory meters,
    TimeProvider clock,
    ILogger<MembershipRefresher> logger) : BackgroundService
{
    public const string HttpClientName = "federation-membership";

    private readonly Counter<long> refusals = meters.Create("Federation.Membership")
        .CreateCounter<long>("federation.membership.refused", "{statement}", "Members whose trust chain did not hold when the authority was read.");

    private static readonly TimeSpan SaveFresherEvery = TimeSpan.FromMinutes(1);

    /// <summary>A read asked for by an unknown sender is skipped when the authority was read this recently.</summary>
    public static readonly TimeSpan ReadOnDemandAtMostEvery = TimeSpan.FromSeconds(2);

    /// <summary>How long one who asked for a read waits for it; an authority that hangs does not hold a queue.</summary>
    public static readonly TimeSpan OnDemandPatience = TimeSpan.FromSeconds(3);

    // One read at a time, periodic or asked for: both replace the members and keep the statements.
    private readonly SemaphoreSlim reading = new(1, 1);

    // Guards onDemand and finishedAt: everyone who asks while a read is on its way awaits that one read.
    private readonly Lock gate = new();
    private Task? onDemand;
    private DateTimeOffset finishedAt = DateTimeOffset.MinValue;
    private DateTimeOffset savedAt = DateTimeOffset.MinValue;
    private CancellationToken stopping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Anchor() is not { } anchor)
        {
            LogNoAuthority(logger);
            return;
        }

        var store = services.GetService<IMembershipStore>();
        stopping = stoppingToken;
        members.ReadAgainWith(cancellationToken => ReadOnDemandAsync(store, anchor, cancellationToken));
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, clock);
        do
        {
            try
            {
                await RefreshAsync(store, anchor, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever went wrong (the authority away, a bad answer, the store restarting), the last members stay,
                // each until its statement expires; at start, the last ones this node kept.
                LogRefreshFailed(logger, exception.Message);
                await LoadStoredAsync(store, anchor, stoppingToken);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ReadOnDemandAsync(IMembershipStore? store, TrustAnchor anchor, CancellationToken cancellationToken)
    {
        Task read;
        lock (gate)
        {
            if (onDemand is null)
            {
                // A failed read counts too: an authority that is away is not asked again by every unknown sender.
                if (clock.GetUtcNow() - finishedAt < ReadOnDemandAtMostEvery)
                {
                    return;
                }

                // Started on the pool, so it cannot finish (and clear onDemand) before it is stored here.
                onDemand = Task.Run(() => ReadOnceOnDemandAsync(store, anchor), CancellationToken.None);
            }

            read = onDemand;
        }

        try
        {
            await read.WaitAsync(OnDemandPatience, clock, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The caller refuses what it still cannot verify; the read goes on and serves the next one.
        }
    }

    private async Task ReadOnceOnDemandAsync(IMembershipStore? store, TrustAnchor anchor)
    {
        try
        {
            await RefreshAsync(store, anchor, stopping);
        }
        catch (Exception exception) when (!stopping.IsCancellationRequested)
        {
            LogRefreshFailed(logger, exception.Message);
        }
        finally
        {
            lock (gate)
            {
                onDemand = null;
            }
        }
    }

    private async Task RefreshAsync(IMembershipStore? store, TrustAnchor anchor, CancellationToken cancellationToken)
    {
        await reading.WaitAsync(cancellationToken);
        try
        {
            await ReadAndReplaceAsync(store, anchor, cancellationToken);
        }
        finally
        {
            lock (gate)
            {
                finishedAt = clock.GetUtcNow();
            }

            reading.Release();
        }
    }

    private async Task ReadAndReplaceAsync(IMembershipStore? store, TrustAnchor anchor, CancellationToken cancellationToken)
    {
        var read = await MemberDirectoryReader.ReadAsync(httpClients.CreateClient(HttpClientName), options.Value.Url!, anchor, members.Directory, clock, cancellationToken);
        var changed = read.Version != members.Directory.Version || !members.IsLoaded;
        if (changed)
        {
            foreach (var refusal in read.Refusals)
            {
                refusals.Add(1);
                LogRefused(logger, refusal);
            }

            if (store is not null)
            {
                await store.SaveAsync([.. read.Members.Select(member => member.Statement)], cancellationToken);
                savedAt = clock.GetUtcNow();
            }

            LogChanged(logger, read.Version, string.Join(", ", read.Members.Select(member => member.Member.MemberId)));
        }
        else if (store is not null && clock.GetUtcNow() - savedAt > SaveFresherEvery)
        {
            // The same members with fresher statements: kept so that a restart without the authority trusts them longer.
            await store.SaveAsync([.. read.Members.Select(member => member.Statement)], cancellationToken);
            savedAt = clock.GetUtcNow();
        }

        members.Replace(read);
    }

    private async Task LoadStoredAsync(IMembershipStore? store, TrustAnchor anchor, CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return;
        }

        // Under the same lock as reads: a read that succeeded meanwhile is the authority's word, newer than any kept one.
        await reading.WaitAsync(cancellationToken);
        try
        {
            var stored = await store.LoadAsync(cancellationToken);
            if (stored.Count > 0 && !members.IsLoaded)
            {
                members.Replace(await MemberDirectoryReader.VerifyStoredAsync(stored, anchor, clock));
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogRefreshFailed(logger, exception.Message);
        }
        finally
        {
            reading.Release();
        }
    }

    [LoggerMessage(LogLevel.Information, "Federation members {Version}: {Members}")]
    private static partial void LogChanged(ILogger logger, string version, string members);

    [LoggerMessage(LogLevel.Warning, "A member is not trusted: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Warning, "Could not read the federation authority; the members last verified stay until their statements expire: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Warning, "Federation:Authority:Url is not set: this node trusts no other member of the federation")]
    private static partial void LogNoAuthority(ILogger logger);
}

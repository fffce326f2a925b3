using Federation.Testing.Ledger;

namespace Federation.Testing.Faults;

/// <summary>
/// One run of one fault: steady publishing at every hub, the fault, the load going on, then the accounts. Every
/// change a hub acknowledged is in the ledger; after the run the catalogue must hold each at its acknowledged
/// version or later (none lost), each resource once (no duplicates), and must never have shown a resource at a
/// lower version than it showed before (no regressions). Times are counted from the end of the fault.
/// </summary>
public sealed class FaultRunner(FaultTarget target, FaultTimings timings, Action<string> log)
{
    private static readonly TimeSpan ConvergeLimit = TimeSpan.FromSeconds(180);

    public async Task<FaultRunResult> RunAsync(FaultKind fault, int run)
    {
        var word = "fout" + new string(Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('a' + (b % 26))).ToArray());
        var ledger = new ChangeLedger();
        var load = new SteadyLoad(target.Hubs, ledger, word, writerDeadline: timings.HubAway + TimeSpan.FromSeconds(120));
        await using var watch = new CatalogueWatch(target.Catalogue, word);
        load.Start();
        watch.Start();
        // Steady state first: every writer's resources published, then the warm-up at that pace.
        await Eventually.Until(() => Task.FromResult(ledger.Latest.Count), count => count >= load.Resources, ConvergeLimit, "the load's resources published");
        await Task.Delay(timings.Warmup);

        var faultStart = DateTimeOffset.UtcNow;
        var rateBefore = ledger.RateBetween(faultStart - TimeSpan.FromSeconds(5), faultStart);
        log($"{fault} run {run}: {rateBefore:0} changes/s acknowledged before the fault");
        var notes = await InjectAsync(fault, run, rateBefore);
        var faultEnd = DateTimeOffset.UtcNow;
        var due = ledger.Latest.ToDictionary(change => change.Key, change => change.Value.Version);
        var shown = watch.WhenShowingAsync(due);

        await Task.Delay(timings.Observe);
        await load.StopAsync();
        double? converged = null;
        try
        {
            converged = ((await shown.WaitAsync(ConvergeLimit)) - faultEnd).TotalSeconds;
        }
        catch (TimeoutException)
        {
            log($"{fault} run {run}: the catalogue did not show the changes acknowledged before the fault's end within {ConvergeLimit.TotalSeconds:0} s");
        }

        await WaitForHubsInSyncAsync();
        var reconciliation = await ReconcileAsync(ledger, word);
        var result = new FaultRunResult(
            fault, run, reconciliation.Resources, reconciliation.Acknowledgements, reconciliation.Lost.Count, reconciliation.Duplicates,
            watch.Regressions, (faultEnd - faultStart).TotalSeconds, converged, FullThroughputAfter(ledger, rateBefore, faultEnd),
            rateBefore, ledger.Retries, [.. load.Errors], notes);
        log($"{fault} run {run}: {reconciliation}, {result.Regressions} regressions, converged after {converged:0.0} s, " +
            $"full throughput after {result.FullThroughputAfterSeconds:0.0} s, {ledger.Retries} retries; {notes}");
        foreach (var refusal in result.Errors)
        {
            log($"{fault} run {run}: refused (neither acknowledged nor retryable): {refusal}");
        }

        return result;
    }

    private async Task<string> InjectAsync(FaultKind fault, int run, double rateBefore)
    {
        switch (fault)
        {
            case FaultKind.BrokerKilled:
                await LocalInfrastructure.FaultAsync("kill-broker");
                await Task.Delay(TimeSpan.FromSeconds(3));
                await LocalInfrastructure.FaultAsync("start-broker");
                return "broker down 3 s, then its restart";
            case FaultKind.PostgresFastRestart:
                await LocalInfrastructure.FaultAsync("restart-postgres", "fast");
                return "pg_ctl restart -m fast";
            case FaultKind.PostgresImmediateRestart:
                await LocalInfrastructure.FaultAsync("restart-postgres", "immediate");
                return "pg_ctl restart -m immediate (crash recovery)";
            case FaultKind.CatalogueKilled:
                await target.Catalogue.KillAsync();
                await Task.Delay(TimeSpan.FromSeconds(2));
                await target.Catalogue.StartAsync();
                return "catalogue down 2 s, then its restart";
            case FaultKind.HubCrashAfterCommit:
            {
                var hub = HubOfRun(run);
                (await target.Hubs[hub].Http.PostAsync("_faults/crash-after-next-commit", null)).EnsureSuccessStatusCode();
                await target.Hubs[hub].WaitForExitAsync(TimeSpan.FromSeconds(60));
                await target.Hubs[hub].StartAsync();
                return $"{hub} killed itself after a commit, before publishing; restarted";
            }

            case FaultKind.HubUnreachable:
            {
                var hub = HubOfRun(run);
                await target.Hubs[hub].FreezeAsync();
                await Task.Delay(timings.HubAway);
                await target.Hubs[hub].ThawAsync();
                return $"{hub} frozen for {timings.HubAway.TotalSeconds:0} s";
            }

            case FaultKind.PoisonMessages:
                return await InjectPoisonAsync(rateBefore);
            case FaultKind.DuplicatedAndReordered:
                foreach (var hub in target.Hubs.Values)
                {
                    (await hub.Http.PostAsync("_faults/scramble-next-batches/5", null)).EnsureSuccessStatusCode();
                }

                await Task.Delay(TimeSpan.FromSeconds(8));
                return "next 5 relay batches of every hub sent twice, newest first, with up to 50 older entries again";
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, null);
        }
    }

    /// <summary>
    /// 1 % of the traffic for 10 s, spread evenly (every acknowledged change is one event for the catalogue); then
    /// every one must be in the error queue with its reason.
    /// </summary>
    private async Task<string> InjectPoisonAsync(double rateBefore)
    {
        var before = await PoisonMessages.ErrorQueueAsync(target.VirtualHost);
        var events = Math.Max(1, (int)Math.Round(0.01 * rateBefore * 10));
        for (var i = 0; i < events; i++)
        {
            await PoisonMessages.SendAsync(target.VirtualHost, i);
            await Task.Delay(TimeSpan.FromSeconds(10.0 / events));
        }

        var after = await Eventually.Until(() => PoisonMessages.ErrorQueueAsync(target.VirtualHost),
            queue => queue.Depth >= before.Depth + events, TimeSpan.FromSeconds(60), "the poison messages in the error queue");
        if (after.Depth != before.Depth + events || after.WithReason != after.Depth)
        {
            throw new InvalidOperationException(
                $"Error queue went from {before.Depth} to {after.Depth} after {events} poison messages; {after.WithReason} carry a reason.");
        }

        return $"{events} poison messages, all {events} in {PoisonMessages.ErrorQueue} with their reason (e.g. \"{after.Reasons[^1]}\")";
    }

    private string HubOfRun(int run) => target.Hubs.Keys.OrderBy(id => id, StringComparer.Ordinal).ElementAt(run % target.Hubs.Count);

    /// <summary>The first second after the fault with at least 90 % of the acknowledgements per second before it.</summary>
    private static double? FullThroughputAfter(ChangeLedger ledger, double rateBefore, DateTimeOffset faultEnd)
    {
        for (var offset = 0.0; offset < 300; offset += 0.5)
        {
            var from = faultEnd.AddSeconds(offset);
            if (from.AddSeconds(1) > DateTimeOffset.UtcNow)
            {
                return null;
            }

            if (ledger.RateBetween(from, from.AddSeconds(1)) >= 0.9 * rateBefore)
            {
                return offset;
            }
        }

        return null;
    }

    private async Task WaitForHubsInSyncAsync()
    {
        foreach (var (hubId, hub) in target.Hubs)
        {
            await HubSync.WaitUntilInSyncAsync(target.Catalogue, hub, hubId, ConvergeLimit);
        }
    }

    /// <summary>Reconciles until it holds or 30 s pass (the last search rows may lag the registry a moment); the last result.</summary>
    private async Task<Reconciliation> ReconcileAsync(ChangeLedger ledger, string word)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var atHubs = new List<(Guid Id, string Marker)>();
            foreach (var hub in target.Hubs.Values)
            {
                atHubs.AddRange(await HubView.ReadRunAsync(hub, word));
            }

            var reconciliation = ledger.Reconcile(await CatalogueView.ReadRunAsync(target.Catalogue, word), atHubs);
            if (reconciliation.Holds || DateTime.UtcNow > until)
            {
                return reconciliation;
            }

            await Task.Delay(500);
        }
    }
}

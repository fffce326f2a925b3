using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Federation.Contracts;
using Federation.Contracts.Serialization;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Resources;
using Federation.Hub.Resources.Import;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Harvest;

/// <summary>
/// Runs one harvest: reads the source page by page and makes the hub's resources mirror it, keyed by each dataset's
/// identifier at the source (never by title). A new dataset is created and published; a changed one updated; one
/// staff edited here is left as they made it (the report counts it, its provenance says the source moved on); one
/// gone from the source is withdrawn once every page has been read, unless that would withdraw more than the
/// source's limit, which holds the run for staff to confirm. A page that cannot be read fails the run there: what
/// earlier pages did stands (each write is whole), nothing after it is done and nothing is withdrawn.
/// </summary>
public sealed partial class Harvester(
    SourceFetcher fetcher,
    HarvestRecordStore records,
    HarvestRunStore runs,
    IGrainFactory grains,
    TimeProvider clock,
    IOptions<HarvestOptions> options,
    IOptions<HubOptions> hub,
    ILogger<Harvester> logger)
{
    public async Task RunAsync(RunRow run, SourceRow source, CancellationToken cancellationToken)
    {
        var actor = AuditActor.System(hub.Value.Id, $"harvest of {source.Name}");
        var known = await records.ForSourceAsync(source.Id, cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        string? url = source.Url;
        try
        {
            while (url is not null)
            {
                if (!visited.Add(url) || visited.Count > options.Value.MaxPages)
                {
                    throw new HarvestFailure(url, visited.Count > options.Value.MaxPages
                        ? $"the source has more than {options.Value.MaxPages} pages"
                        : "the source's paging leads back to a page already read");
                }

                var page = await fetcher.FetchAsync(url, cancellationToken);
                run.TotalDatasets ??= page.TotalItems;
                await ApplyPageAsync(run, source, page, known, seen, actor, cancellationToken);
                run.PagesRead++;
                await runs.ProgressAsync(run, clock.GetUtcNow(), cancellationToken);
                url = page.Next;
            }

            await WithdrawGoneAsync(run, source, known, seen, actor, cancellationToken);
        }
        catch (HarvestFailure failure)
        {
            run.State = "failed";
            run.Error = $"Page {run.PagesRead + 1} ({failure.Url}): {failure.Reason}. Pages before it were applied; nothing was withdrawn.";
            LogFailed(logger, source.Name, run.Id, run.PagesRead + 1, failure.Reason);
        }
    }

    // A page's datasets are read and checked in order (so that duplicates and refusals are found as the source lists
    // them), then written a few at a time: each is a resource of its own, and writing them side by side lets their
    // commits share the database's flushes instead of waiting for one another.
    private async Task ApplyPageAsync(
        RunRow run, SourceRow source, SourcePage page, Dictionary<string, RecordRow> known, HashSet<string> seen, AuditActor actor,
        CancellationToken cancellationToken)
    {
        var work = new List<Mirrored>();
        foreach (var node in DcatApReader.Datasets(page.Graph))
        {
            var read = DcatApReader.ReadDataset(page.Graph, node, source.AccessPolicy);
            var title = read.Input.Title;
            if (read.SourceIdentifier is not { } identifier)
            {
                run.Refuse(null, title, "The dataset has neither a dct:identifier nor an IRI, so it cannot be followed from one run to the next.");
                continue;
            }

            if (!seen.Add(identifier))
            {
                run.Refuse(identifier, title, "The source lists this identifier more than once; the first was taken.");
                continue;
            }

            run.DatasetsSeen++;
            var input = read.Input with { Licence = read.Input.Licence ?? source.Licence, Publisher = source.Publisher, AccessPolicy = source.AccessPolicy };
            var (content, errors) = ResourceValidator.Validate(input);
            if (content is null)
            {
                run.Refuse(identifier, title, string.Join(" ", errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}"))));
                continue;
            }

            work.Add(new Mirrored(identifier, content, Hash(content), read.SourceModified, known.GetValueOrDefault(identifier)));
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(work, parallel, async (item, token) => await MirrorAsync(run.DryRun, source, item, actor, token));
        foreach (var item in work)
        {
            switch (item.Outcome)
            {
                case Outcome.Created: run.Created++; break;
                case Outcome.Updated: run.Updated++; break;
                case Outcome.Unchanged: run.Unchanged++; break;
                default: run.KeptLocalEdits++; break;
            }

            if (item.Record is { } record)
            {
                known[item.Identifier] = record;
            }
        }

        if (!run.DryRun)
        {
            await records.SeenAsync(source.Id, [.. work.Where(w => w.Outcome == Outcome.Unchanged).Select(w => w.Identifier)], clock.GetUtcNow(), cancellationToken);
        }
    }

    private async Task MirrorAsync(bool dryRun, SourceRow source, Mirrored item, AuditActor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var record = item.Record;
        if (record is null || record.GoneFromSource && await IsWithdrawnAsync(record.ResourceId))
        {
            item.Record = dryRun ? record : await CreateAsync(source, item.Identifier, item.Content, item.Hash, item.SourceModified, actor, record, now);
            item.Outcome = Outcome.Created;
            return;
        }

        var resource = await grains.GetGrain<IResourceGrain>(record.ResourceId).Get();
        var editedLocally = resource is null || resource.Version != record.HarvestedVersion || resource.State == ResourceState.Withdrawn;
        if (editedLocally)
        {
            // Staff changed it here (or withdrew it): their word stands. The provenance says whether the source moved on.
            item.Outcome = Outcome.KeptLocalEdit;
            if (!dryRun)
            {
                record.LastSeenAt = now;
                record.GoneFromSource = false;
                record.SourceChangedSinceEdit |= item.Hash != record.ContentHash;
                await records.SaveAsync(record, cancellationToken);
            }

            return;
        }

        if (item.Hash == record.ContentHash)
        {
            item.Outcome = Outcome.Unchanged;
            return;
        }

        item.Outcome = dryRun || await UpdateAsync(record, item.Content, item.Hash, item.SourceModified, actor, now, cancellationToken)
            ? Outcome.Updated
            : Outcome.KeptLocalEdit;
    }

    private enum Outcome
    {
        KeptLocalEdit,
        Created,
        Updated,
        Unchanged,
    }

    // One dataset of a page on its way to the hub, and what became of it.
    private sealed class Mirrored(string identifier, ResourceContent content, string hash, DateTimeOffset? sourceModified, RecordRow? record)
    {
        public string Identifier { get; } = identifier;
        public ResourceContent Content { get; } = content;
        public string Hash { get; } = hash;
        public DateTimeOffset? SourceModified { get; } = sourceModified;
        public RecordRow? Record { get; set; } = record;
        public Outcome Outcome { get; set; }
    }

    private async Task<RecordRow> CreateAsync(
        SourceRow source, string identifier, ResourceContent content, string hash, DateTimeOffset? sourceModified, AuditActor actor, RecordRow? earlier,
        DateTimeOffset now)
    {
        // The id is made from the source and the identifier, so that a run that stopped between creating the draft and
        // keeping its record finds the same resource again rather than making a second one.
        var id = HarvestedResourceId(source.Id, identifier, earlier?.ResourceId);
        var grain = grains.GetGrain<IResourceGrain>(id);
        var created = await grain.CreateDraft(content, actor);
        var resource = created.Resource ?? throw new InvalidOperationException($"Resource {id} was neither created nor found.");
        if (resource.State == ResourceState.Draft)
        {
            resource = (await grain.Publish(resource.Version, actor)).Resource ?? resource;
        }

        var record = new RecordRow
        {
            SourceId = source.Id,
            SourceIdentifier = identifier,
            ResourceId = id,
            ContentHash = hash,
            HarvestedVersion = resource.Version,
            FirstSeenAt = earlier?.FirstSeenAt ?? now,
            LastSeenAt = now,
            LastChangedAt = now,
            SourceModified = sourceModified,
        };
        await records.SaveAsync(record, CancellationToken.None);
        return record;
    }

    // Writes the source's new word at the version the harvester last wrote; false when staff got there first.
    private async Task<bool> UpdateAsync(
        RecordRow record, ResourceContent content, string hash, DateTimeOffset? sourceModified, AuditActor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ResourceOutcome outcome;
        try
        {
            outcome = await grains.GetGrain<IResourceGrain>(record.ResourceId).Update(content, record.HarvestedVersion, actor);
        }
        catch (StaleResourceException)
        {
            return false;
        }

        if (outcome.Status != OutcomeStatus.Ok)
        {
            return false;
        }

        record.ContentHash = hash;
        record.HarvestedVersion = outcome.Resource!.Version;
        record.LastSeenAt = now;
        record.LastChangedAt = now;
        record.SourceModified = sourceModified;
        record.SourceChangedSinceEdit = false;
        record.GoneFromSource = false;
        await records.SaveAsync(record, cancellationToken);
        return true;
    }

    private async Task WithdrawGoneAsync(
        RunRow run, SourceRow source, Dictionary<string, RecordRow> known, HashSet<string> seen, AuditActor actor, CancellationToken cancellationToken)
    {
        var active = known.Values.Where(r => !r.GoneFromSource).ToList();
        var gone = active.Where(r => !seen.Contains(r.SourceIdentifier)).OrderBy(r => r.SourceIdentifier, StringComparer.Ordinal).ToList();
        if (gone.Count == 0)
        {
            run.State = "succeeded";
            return;
        }

        // The safety rule: a source that lost more than its limit at once (an empty page, a broken export, a moved
        // catalogue) does not empty the hub; staff look first.
        if (gone.Count * 100 > source.WithdrawalLimitPercent * active.Count)
        {
            run.WouldWithdraw = gone.Count;
            run.Withheld = [.. gone.Select(r => r.SourceIdentifier)];
            run.State = run.DryRun ? "succeeded" : "held";
            LogHeld(logger, source.Name, run.Id, gone.Count, active.Count, source.WithdrawalLimitPercent);
            return;
        }

        if (run.DryRun)
        {
            run.WouldWithdraw = gone.Count;
            run.State = "succeeded";
            return;
        }

        await WithdrawAsync(run, source, gone, actor, cancellationToken);
        run.State = "succeeded";
    }

    /// <summary>Withdraws the resources of datasets gone from the source (a resource staff edited is kept, and counted so).</summary>
    public async Task WithdrawAsync(RunRow run, SourceRow source, IReadOnlyList<RecordRow> gone, AuditActor actor, CancellationToken cancellationToken)
    {
        foreach (var record in gone)
        {
            var grain = grains.GetGrain<IResourceGrain>(record.ResourceId);
            ResourceOutcome outcome;
            try
            {
                outcome = await grain.Withdraw($"No longer in the source {source.Name} ({source.Url}).", record.HarvestedVersion, actor);
            }
            catch (StaleResourceException)
            {
                outcome = ResourceOutcome.NotFound(record.ResourceId);
            }

            record.GoneFromSource = true;
            if (outcome.Status == OutcomeStatus.Ok)
            {
                record.HarvestedVersion = outcome.Resource!.Version;
                run.Withdrawn++;
            }
            else
            {
                run.KeptLocalEdits++; // edited (or withdrawn) by staff since: their word stands, the provenance says it is gone
            }

            await records.SaveAsync(record, cancellationToken);
        }
    }

    private async Task<bool> IsWithdrawnAsync(Guid resourceId) =>
        (await grains.GetGrain<IResourceGrain>(resourceId).Get())?.State is null or ResourceState.Withdrawn;

    /// <summary>A content hash of what the source says, as validated (the same words give the same hash).</summary>
    public static string Hash(ResourceContent content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(content, FederationJson.Options))));

    /// <summary>
    /// A version-5 style id from the source and the dataset's identifier (and the resource it replaces, when a dataset
    /// withdrawn earlier comes back: a withdrawn resource cannot be published again, so it gets a new one).
    /// </summary>
    public static Guid HarvestedResourceId(Guid sourceId, string identifier, Guid? replaces)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{sourceId:N}\n{identifier}\n{replaces:N}"));
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes.AsSpan(0, 16), bigEndian: true);
    }

    [LoggerMessage(LogLevel.Warning, "Harvest of {Source}, run {RunId}: page {Page} failed ({Reason}); it is retried later")]
    private static partial void LogFailed(ILogger logger, string source, Guid runId, int page, string reason);

    [LoggerMessage(LogLevel.Warning, "Harvest of {Source}, run {RunId}: {Gone} of {Active} datasets are gone from the source, more than {Limit} %; the run is held until staff confirm")]
    private static partial void LogHeld(ILogger logger, string source, Guid runId, int gone, int active, int limit);
}

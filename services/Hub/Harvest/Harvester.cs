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
        // The share the safety rule weighs is of what the hub mirrored before this run, not of what it adds now.
        var activeBefore = known.Values.Where(r => !r.GoneFromSource).Select(r => r.SourceIdentifier).ToHashSet(StringComparer.Ordinal);
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
                url = page.Next is { } next && !IsWebAddress(next)
                    ? throw new HarvestFailure(page.Url, $"its next page is at '{next}', which is no http or https address")
                    : page.Next;
            }

            await WithdrawGoneAsync(run, source, known, activeBefore, seen, actor);
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
            run.DatasetsSeen++;
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

            var input = read.Input with { Licence = read.Input.Licence ?? source.Licence, Publisher = source.Publisher, AccessPolicy = source.AccessPolicy };
            var (content, errors) = ResourceValidator.Validate(input);
            if (content is null)
            {
                run.Refuse(identifier, title, string.Join(" ", errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}"))));
                continue;
            }

            // A harvested resource is known by its record, not by an identifier an import could also use.
            content = content with { Identifier = null };
            work.Add(new Mirrored(identifier, content, Hash(content), read.SourceModified, known.GetValueOrDefault(identifier)));
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency, CancellationToken = cancellationToken };
        // Each dataset's writes run to their end once begun (a resource and then its record); the run stops between them.
        await Parallel.ForEachAsync(work, parallel, async (item, _) => await MirrorAsync(run.DryRun, source, item, actor));
        foreach (var item in work)
        {
            switch (item.Outcome)
            {
                case Outcome.Created: run.Created++; break;
                case Outcome.Updated: run.Updated++; break;
                case Outcome.Unchanged: run.Unchanged++; break;
                case Outcome.Refused: run.Refuse(item.Identifier, item.Content.Title, item.Refusal ?? "The hub did not take it."); break;
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

    private async Task MirrorAsync(bool dryRun, SourceRow source, Mirrored item, AuditActor actor)
    {
        var now = clock.GetUtcNow();
        var record = item.Record;
        if (record is null || record.GoneFromSource && await IsWithdrawnAsync(record.ResourceId))
        {
            item.Outcome = Outcome.Created;
            if (!dryRun)
            {
                (item.Record, item.Refusal) = await CreateAsync(source, item, actor, record, now);
                item.Outcome = item.Refusal is null ? Outcome.Created : Outcome.Refused;
            }

            return;
        }

        var resource = await grains.GetGrain<IResourceGrain>(record.ResourceId).Get();
        if (resource is not null && resource.Version != record.HarvestedVersion && resource.State != ResourceState.Withdrawn
            && Hash(ResourceContent.Of(resource)) == record.ContentHash && !dryRun)
        {
            // The version moved, but to what the harvester last wrote: its record was not kept after the write (the
            // hub stopped between the two). It is the harvester's own version, not a local edit.
            record.HarvestedVersion = resource.Version;
            await records.SaveAsync(record, CancellationToken.None);
        }

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
                await records.SaveAsync(record, CancellationToken.None);
            }

            return;
        }

        if (item.Hash == record.ContentHash)
        {
            item.Outcome = Outcome.Unchanged;
            return;
        }

        item.Outcome = dryRun || await UpdateAsync(record, item.Content with { ChangeNote = $"Changed at the source {source.Name}." }, item.Hash,
                item.SourceModified, actor, now)
            ? Outcome.Updated
            : Outcome.KeptLocalEdit;
    }

    private enum Outcome
    {
        KeptLocalEdit,
        Created,
        Updated,
        Unchanged,
        Refused,
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
        public string? Refusal { get; set; }
    }

    // Creates and publishes the resource of a new dataset; no record and the reason when the hub would not.
    private async Task<(RecordRow? Record, string? Refusal)> CreateAsync(
        SourceRow source, Mirrored item, AuditActor actor, RecordRow? earlier, DateTimeOffset now)
    {
        // The id is made from the source and the identifier, so that a run that stopped between creating the draft and
        // keeping its record finds the same resource again rather than making a second one.
        var id = HarvestedResourceId(source.Id, item.Identifier, earlier?.ResourceId);
        var grain = grains.GetGrain<IResourceGrain>(id);
        var created = await grain.CreateDraft(item.Content with { ChangeNote = $"Harvested from {source.Name}." }, actor);
        var resource = created.Resource ?? throw new InvalidOperationException($"Resource {id} was neither created nor found.");
        if (created.Status != OutcomeStatus.Ok && resource.State != ResourceState.Withdrawn && Hash(ResourceContent.Of(resource)) != item.Hash)
        {
            // Made by a run that stopped before keeping its record, from what the source said then: brought up to date.
            var updated = await grain.Update(item.Content with { ChangeNote = $"Changed at the source {source.Name}." }, resource.Version, actor);
            resource = updated.Resource ?? resource;
        }

        if (resource.State == ResourceState.Draft)
        {
            var published = await grain.Publish(resource.Version, actor);
            if (published.Status != OutcomeStatus.Ok)
            {
                return (null, $"Created, but not published: {published.Problem}");
            }

            resource = published.Resource!;
        }

        var record = new RecordRow
        {
            SourceId = source.Id,
            SourceIdentifier = item.Identifier,
            ResourceId = id,
            ContentHash = item.Hash,
            HarvestedVersion = resource.Version,
            FirstSeenAt = earlier?.FirstSeenAt ?? now,
            LastSeenAt = now,
            LastChangedAt = now,
            SourceModified = item.SourceModified,
        };
        await records.SaveAsync(record, CancellationToken.None);
        return (record, null);
    }

    // Writes the source's new word at the version the harvester last wrote; false when staff got there first.
    private async Task<bool> UpdateAsync(
        RecordRow record, ResourceContent content, string hash, DateTimeOffset? sourceModified, AuditActor actor, DateTimeOffset now)
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
        // Once the resource is written its record must follow, whatever asks the run to stop: left behind, it would
        // make the next run take the harvester's own version for a local edit (which MirrorAsync then recognises by its hash).
        await records.SaveAsync(record, CancellationToken.None);
        return true;
    }

    private async Task WithdrawGoneAsync(
        RunRow run, SourceRow source, Dictionary<string, RecordRow> known, HashSet<string> activeBefore, HashSet<string> seen, AuditActor actor)
    {
        var gone = known.Values.Where(r => !r.GoneFromSource && activeBefore.Contains(r.SourceIdentifier) && !seen.Contains(r.SourceIdentifier))
            .OrderBy(r => r.SourceIdentifier, StringComparer.Ordinal).ToList();
        run.State = "succeeded";
        if (gone.Count == 0)
        {
            return;
        }

        // A catalogue paged by offset is no snapshot: a dataset changed while the run read it can move from a page not
        // yet read to one already read, and be missed. When the run read fewer datasets than the source announced,
        // nothing is withdrawn; what is gone is withdrawn by a run that reads them all.
        if (run.TotalDatasets is { } announced && run.DatasetsSeen < announced)
        {
            run.WouldWithdraw = gone.Count;
            run.Error = $"The source announced {announced} datasets and this run read {run.DatasetsSeen}: datasets may have moved between its pages while they were read, so none of the {gone.Count} missing was withdrawn.";
            return;
        }

        // The safety rule: a source that lost more than its limit at once (an empty page, a broken export, a moved
        // catalogue) does not empty the hub; staff look first.
        if (gone.Count * 100 > source.WithdrawalLimitPercent * activeBefore.Count)
        {
            run.WouldWithdraw = gone.Count;
            run.Withheld = [.. gone.Select(r => r.SourceIdentifier)];
            run.State = run.DryRun ? "succeeded" : "held";
            LogHeld(logger, source.Name, run.Id, gone.Count, activeBefore.Count, source.WithdrawalLimitPercent);
            return;
        }

        if (run.DryRun)
        {
            run.WouldWithdraw = gone.Count;
            return;
        }

        await WithdrawAsync(run, source, gone, actor);
    }

    /// <summary>
    /// Withdraws the resources of datasets gone from the source (a resource staff edited is kept, and counted so). Not
    /// cancelled once begun: each withdrawal is followed by its record, which must not be left behind.
    /// </summary>
    public async Task WithdrawAsync(RunRow run, SourceRow source, IReadOnlyList<RecordRow> gone, AuditActor actor)
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
                continue; // another writer got there first: the record stays as it was, and the next run looks again
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

            await records.SaveAsync(record, CancellationToken.None);
        }
    }

    private async Task<bool> IsWithdrawnAsync(Guid resourceId) =>
        (await grains.GetGrain<IResourceGrain>(resourceId).Get())?.State is null or ResourceState.Withdrawn;

    private static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var address) && address.Scheme is "http" or "https";

    /// <summary>A content hash of what the source says, as validated (the same words give the same hash).</summary>
    public static string Hash(ResourceContent content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(content, FederationJson.Options))));

    /// <summary>
    /// A name-based id (the RFC 9562 version 8 layout, from SHA-256) from the source and the dataset's identifier (and the resource it replaces, when a dataset
    /// withdrawn earlier comes back: a withdrawn resource cannot be published again, so it gets a new one).
    /// </summary>
    public static Guid HarvestedResourceId(Guid sourceId, string identifier, Guid? replaces)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{sourceId:N}\n{identifier}\n{replaces:N}"));
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes.AsSpan(0, 16), bigEndian: true);
    }

    [LoggerMessage(LogLevel.Warning, "Harvest of {Source}, run {RunId}: page {Page} failed ({Reason}); it is retried later")]
    private static partial void LogFailed(ILogger logger, string source, Guid runId, int page, string reason);

    [LoggerMessage(LogLevel.Warning, "Harvest of {Source}, run {RunId}: {Gone} of {Active} datasets are gone from the source, more than {Limit} %; the run is held until staff confirm")]
    private static partial void LogHeld(ILogger logger, string source, Guid runId, int gone, int active, int limit);
}

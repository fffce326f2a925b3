using System.Net;
using Federation.Clients.Hubs;
using Federation.Contracts;
using Federation.Contracts.Harvest;
using Federation.Contracts.Hub;
using Federation.Testing;
using Federation.Contracts.Serialization;
using Federation.Testing.Hosts;

namespace Federation.Hub.Tests;

/// <summary>
/// Harvesting a catalogue served on this machine in the shapes CKAN portals publish (three pages, RDF/XML and Turtle,
/// DCAT-AP-NL values): the hub mirrors it by each dataset's identifier, creating, updating and withdrawing; a second
/// run changes nothing; local edits are kept; a run that would withdraw too much waits for staff; a broken or slow
/// page fails the run there and it is retried.
/// </summary>
public sealed class HarvestSpecs : SpecsOnAFresh<HubHost>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private readonly SourceCatalogue portal = SourceCatalogue.Start();
    private List<SourceDataset> datasets = [];
    private HubClient staff = null!;
    private HttpClient staffHttp = null!;

    public override async ValueTask InitializeAsync()
    {
        Host = await HubHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Harvest:AllowPrivateAddresses"] = "true",
            ["Harvest:PollInterval"] = "00:00:00.200",
            ["Harvest:RetryAfter"] = "00:00:00.500",
            ["Harvest:PageTimeout"] = "00:00:02",
        });
        staffHttp = await Host.CreateClientAsync("staff");
        staff = new HubClient(staffHttp);
        datasets =
        [
            new("parkeren-2024", "Parkeergarages 2024"),
            new("afval-2024", "Afvalinzameling 2024", Theme: "ENVI"),
            new("bomen", "Bomenkaart", Licence: "http://creativecommons.org/publicdomain/zero/1.0/"),
            new("wegen", "Wegen & bruggen", Theme: "TRAN"),
            new("fietspaden", "Fietspaden \"nieuw\"", Theme: "TRAN"),
            new("water", "Waterkwaliteit", Theme: "ENVI"),
        ];
        ServePages();
    }

    public override async ValueTask DisposeAsync()
    {
        staffHttp?.Dispose();
        await portal.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_first_run_mirrors_the_source_and_a_second_changes_nothing()
    {
        var source = await RegisterAsync();

        var first = await RunAsync(source.Id);

        Assert.True(first.Refused == 0, string.Join("; ", first.Refusals.Select(r => $"{r.SourceIdentifier}: {r.Reason}")));
        Assert.Equal(("succeeded", 3, 6, 6, 0), (first.State, first.PagesRead, first.DatasetsSeen, first.Created, first.Refused));
        Assert.Equal(6, first.TotalDatasets);
        var resources = await PublishedAsync();
        Assert.Equal(datasets.Select(d => d.Title).Order(), resources.Select(r => r.Title).Order());
        var bomen = resources.Single(r => r.Title == "Bomenkaart");
        Assert.Equal("CC0-1.0", bomen.Licence);
        Assert.Equal("Gemeente Voorbeeld", bomen.Publisher); // the hub organisation the source publishes under
        Assert.Equal("nl", bomen.Language);
        var provenance = await staff.ProvenanceAsync(bomen.Id, Cancellation).EnsureSuccessAsync();
        Assert.Equal(("bomen", source.Url, false), (provenance.SourceIdentifier, provenance.SourceUrl, provenance.EditedLocally));

        var second = await RunAsync(source.Id);

        Assert.Equal(("succeeded", 0, 0, 6, 0), (second.State, second.Created, second.Updated, second.Unchanged, second.Withdrawn));
        var again = await PublishedAsync();
        Assert.Equal(resources.Select(r => (r.Id, r.Version)).Order(), again.Select(r => (r.Id, r.Version)).Order());
        Assert.True((await staff.ProvenanceAsync(bomen.Id, Cancellation).EnsureSuccessAsync()).LastSeenAt > provenance.LastSeenAt);
    }

    [Fact]
    public async Task A_changed_dataset_is_updated_and_a_vanished_one_withdrawn_by_its_identifier_not_its_title()
    {
        var source = await RegisterAsync();
        await RunAsync(source.Id);
        var before = await PublishedAsync();

        // "wegen" is renamed (same identifier), "water" disappears, and a new dataset takes the title "water" had.
        datasets[3] = datasets[3] with { Title = "Provinciale wegen", Modified = "2024-12-01T08:00:00Z" };
        datasets[5] = new SourceDataset("water-2025", "Waterkwaliteit");
        ServePages();
        var run = await RunAsync(source.Id);

        Assert.Equal(("succeeded", 1, 1, 4, 1), (run.State, run.Created, run.Updated, run.Unchanged, run.Withdrawn));
        var after = await PublishedAsync();
        var wegen = before.Single(r => r.Title == "Wegen & bruggen");
        Assert.Equal("Provinciale wegen", after.Single(r => r.Id == wegen.Id).Title);
        var water = before.Single(r => r.Title == "Waterkwaliteit");
        var withdrawn = await staff.GetResourceAsync(water.Id, Cancellation).EnsureSuccessAsync();
        Assert.Equal(ResourceState.Withdrawn, withdrawn.State);
        Assert.Contains(source.Url, withdrawn.WithdrawalReason, StringComparison.Ordinal);
        Assert.NotEqual(water.Id, after.Single(r => r.Title == "Waterkwaliteit").Id);
        Assert.True((await staff.ProvenanceAsync(water.Id, Cancellation).EnsureSuccessAsync()).GoneFromSource);
    }

    [Fact]
    public async Task A_resource_staff_edited_is_kept_until_they_hand_it_back_to_the_source()
    {
        var source = await RegisterAsync();
        await RunAsync(source.Id);
        var afval = (await PublishedAsync()).Single(r => r.Title == "Afvalinzameling 2024");
        var edit = ResourceInputOf(afval) with { Title = "Afvalinzameling 2024 (met toelichting van de hub)" };
        await staff.UpdateResourceAsync(afval.Id, edit, afval.Version, Cancellation).EnsureSuccessAsync();

        datasets[1] = datasets[1] with { Title = "Afval 2024, herzien" };
        ServePages();
        var run = await RunAsync(source.Id);

        Assert.Equal((1, 0), (run.KeptLocalEdits, run.Updated));
        Assert.Equal("Afvalinzameling 2024 (met toelichting van de hub)", (await staff.GetResourceAsync(afval.Id, Cancellation).EnsureSuccessAsync()).Title);
        var provenance = await staff.ProvenanceAsync(afval.Id, Cancellation).EnsureSuccessAsync();
        Assert.True(provenance.EditedLocally);
        Assert.True(provenance.SourceChangedSinceEdit);

        await staff.ResumeHarvestAsync(afval.Id, Cancellation).EnsureSuccessAsync();
        var resumed = await RunAsync(source.Id);

        Assert.Equal((0, 1), (resumed.KeptLocalEdits, resumed.Updated));
        Assert.Equal("Afval 2024, herzien", (await staff.GetResourceAsync(afval.Id, Cancellation).EnsureSuccessAsync()).Title);
    }

    [Fact]
    public async Task A_run_that_would_withdraw_more_than_the_limit_waits_for_staff_to_confirm()
    {
        var source = await RegisterAsync(withdrawalLimitPercent: 20);
        await RunAsync(source.Id);

        datasets = datasets[..3]; // half the source gone at once
        ServePages();
        var held = await RunAsync(source.Id);

        Assert.Equal(("held", 3, 0), (held.State, held.WouldWithdraw, held.Withdrawn));
        Assert.Equal(["fietspaden", "water", "wegen"], held.Withheld);
        Assert.Equal(6, (await PublishedAsync()).Count);

        var confirmed = await staff.ConfirmHarvestAsync(held.Id, Cancellation).EnsureSuccessAsync();

        Assert.Equal(("confirmed", 3), (confirmed.State, confirmed.Withdrawn));
        Assert.Equal(3, (await PublishedAsync()).Count);
        var again = await staff.ConfirmHarvestAsync(held.Id, Cancellation);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
    }

    [Fact]
    public async Task A_broken_page_fails_the_run_there_leaves_the_rest_as_it_was_and_is_retried_with_backoff()
    {
        var source = await RegisterAsync();
        await RunAsync(source.Id);

        // Page 1 changes a title, page 2 is broken halfway, page 3 loses its dataset.
        datasets[0] = datasets[0] with { Title = "Parkeergarages 2024 (bijgewerkt)" };
        ServePages();
        var page2 = PortalPages.Turtle(portal.Url("catalog.ttl?page=2"), datasets[3..5], portal.Url("catalog.xml?page=3"), datasets.Count);
        portal.Serve("catalog.ttl?page=2", page2[..(page2.Length / 2)], "text/turtle");
        portal.Serve("catalog.xml?page=3", PortalPages.RdfXml(portal.Url("catalog.xml?page=3"), [], null, datasets.Count), "application/rdf+xml");

        var page3Requests = portal.RequestsFor("catalog.xml?page=3");
        var failed = await RunAsync(source.Id);

        Assert.Equal("failed", failed.State);
        Assert.Contains("Page 2", failed.Error, StringComparison.Ordinal);
        Assert.Contains("not valid Turtle", failed.Error, StringComparison.Ordinal);
        Assert.Equal((1, 0), (failed.Updated, failed.Withdrawn));
        Assert.Equal(6, (await PublishedAsync()).Count);
        Assert.Equal(page3Requests, portal.RequestsFor("catalog.xml?page=3"));
        // The scheduler retries on its own, with backoff; until the source is fixed each retry fails as well.
        var waiting = await staff.HarvestSourceAsync(source.Id, Cancellation).EnsureSuccessAsync();
        Assert.True(waiting.ConsecutiveFailures >= 1);
        Assert.NotNull(waiting.NextRunAt);

        // Fixed at the source (page 3 now empty for good): a retry the scheduler starts (not staff) runs it whole, and
        // the dataset gone from page 3 (one of six, within the limit) is withdrawn.
        datasets = datasets[..5];
        ServePages();
        var retried = await Eventually.Until(() => staff.HarvestRunsAsync(source.Id, 20, Cancellation).EnsureSuccessAsync(),
            list => list[0].State == "succeeded", TimeSpan.FromSeconds(60), "a retry to succeed");

        Assert.Equal("schedule", retried[0].StartedBy);
        Assert.True(retried[0].Attempt >= 2);
        Assert.Equal(1, retried[0].Withdrawn);
        Assert.All(retried.Skip(1).TakeWhile(r => r.StartedBy == "schedule"), r => Assert.Equal("failed", r.State));
        Assert.Equal(0, (await staff.HarvestSourceAsync(source.Id, Cancellation).EnsureSuccessAsync()).ConsecutiveFailures);
    }

    [Fact]
    public async Task A_run_that_reads_fewer_datasets_than_the_source_announces_withdraws_nothing()
    {
        var source = await RegisterAsync();
        await RunAsync(source.Id);

        // "water" moved between pages while the run read them: page 1 still announces six, the pages hold five.
        var (one, two) = (datasets.Take(3).ToList(), datasets.Skip(3).Take(2).ToList());
        portal.Serve("catalog.xml?page=1", PortalPages.RdfXml(portal.Url("catalog.xml?page=1"), one, portal.Url("catalog.ttl?page=2"), 6), "application/rdf+xml");
        portal.Serve("catalog.ttl?page=2", PortalPages.Turtle(portal.Url("catalog.ttl?page=2"), two, portal.Url("catalog.xml?page=3"), 6), "text/turtle");
        portal.Serve("catalog.xml?page=3", PortalPages.RdfXml(portal.Url("catalog.xml?page=3"), [], null, 6), "application/rdf+xml");
        var run = await RunAsync(source.Id);

        Assert.Equal(("succeeded", 0, 1), (run.State, run.Withdrawn, run.WouldWithdraw));
        Assert.Contains("announced 6", run.Error, StringComparison.Ordinal);
        Assert.Equal(6, (await PublishedAsync()).Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "503")]
    [InlineData(HttpStatusCode.OK, "did not arrive within")]
    public async Task A_page_that_answers_an_error_or_too_slowly_fails_the_run_and_changes_nothing(HttpStatusCode status, string reason)
    {
        var source = await RegisterAsync();
        var page1 = PortalPages.RdfXml(portal.Url("catalog.xml?page=1"), datasets[..3], portal.Url("catalog.ttl?page=2"), datasets.Count);
        portal.Serve("catalog.xml?page=1", page1, "application/rdf+xml", status, delay: status == HttpStatusCode.OK ? TimeSpan.FromSeconds(5) : default);

        var failed = await RunAsync(source.Id);

        Assert.Equal("failed", failed.State);
        Assert.Contains(reason, failed.Error, StringComparison.Ordinal);
        Assert.Equal(0, await Host.CountAsync("hub_resources"));
    }

    [Fact]
    public async Task A_dry_run_counts_what_a_run_would_do_and_stores_nothing()
    {
        var source = await RegisterAsync();
        datasets.Add(new SourceDataset("eigen-voorwaarden", "Eigen voorwaarden", Licence: "https://example.org/eigen-voorwaarden"));
        ServePages();

        var run = await RunAsync(source.Id, dryRun: true);

        Assert.Equal(("succeeded", true, 6, 1), (run.State, run.DryRun, run.Created, run.Refused));
        // A licence that is no SPDX id is refused, not replaced by the source's default: that would misstate the terms.
        Assert.Contains("licence", Assert.Single(run.Refusals).Reason, StringComparison.Ordinal);
        Assert.Equal(0, await Host.CountAsync("hub_resources"));
        Assert.Equal(0, await Host.CountAsync("harvest_records"));
    }

    [Fact]
    public async Task Datasets_the_hub_cannot_take_are_refused_one_by_one_with_the_reason()
    {
        var source = await RegisterAsync();
        datasets.Add(new SourceDataset("zonder-titel", ""));
        ServePages();

        var run = await RunAsync(source.Id);

        Assert.Equal((6, 1), (run.Created, run.Refused));
        var refusal = Assert.Single(run.Refusals);
        Assert.Equal("zonder-titel", refusal.SourceIdentifier);
        Assert.Contains("title", refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_is_refused_by_field_when_what_staff_give_is_wrong_and_an_address_is_registered_once()
    {
        var bad = await staff.RegisterHarvestSourceAsync(new HarvestSourceInput("", "ftp://x y", "every now and then", "secret", "not-a-licence", "nobody", 120), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal(["accessPolicy", "licence", "name", "organisation", "schedule", "url", "withdrawalLimitPercent"], bad.Errors.Keys.Order());

        var source = await RegisterAsync();
        var twice = await staff.RegisterHarvestSourceAsync(Input(source.Url), Cancellation);
        Assert.Equal(HttpStatusCode.Conflict, twice.Status);
        Assert.Equal(0, await Host.CountAsync("harvest_runs"));
    }

    [Fact]
    public async Task A_source_on_a_private_address_is_not_harvested_unless_the_hub_allows_it()
    {
        await using var strict = await HubHost.StartAsync(settings: new Dictionary<string, string?> { ["Harvest:PollInterval"] = "00:00:00.200" });
        using var http = await strict.CreateClientAsync("staff");
        var client = new HubClient(http);
        var source = await client.RegisterHarvestSourceAsync(Input(portal.Url("catalog.xml?page=1"), await OrganisationAsync(client)), Cancellation).EnsureSuccessAsync();

        var queued = await client.StartHarvestAsync(source.Id, dryRun: false, Cancellation).EnsureSuccessAsync();
        var run = await Eventually.Until(() => client.HarvestRunAsync(queued.Id, Cancellation).EnsureSuccessAsync(), r => r.FinishedAt is not null,
            TimeSpan.FromSeconds(30), "the run to end");

        Assert.Equal("failed", run.State);
        Assert.Contains("public", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, portal.RequestsFor("catalog.xml?page=1"));
    }

    private void ServePages()
    {
        var (one, two, three) = (datasets.Take(3).ToList(), datasets.Skip(3).Take(2).ToList(), datasets.Skip(5).ToList());
        portal.Serve("catalog.xml?page=1", PortalPages.RdfXml(portal.Url("catalog.xml?page=1"), one, portal.Url("catalog.ttl?page=2"), datasets.Count), "application/rdf+xml");
        portal.Serve("catalog.ttl?page=2", PortalPages.Turtle(portal.Url("catalog.ttl?page=2"), two, portal.Url("catalog.xml?page=3"), datasets.Count), "text/turtle; charset=utf-8");
        portal.Serve("catalog.xml?page=3", PortalPages.RdfXml(portal.Url("catalog.xml?page=3"), three, null, datasets.Count), "application/rdf+xml");
    }

    private async Task<HarvestSource> RegisterAsync(int withdrawalLimitPercent = 20) =>
        await staff.RegisterHarvestSourceAsync(Input(portal.Url("catalog.xml?page=1"), await OrganisationAsync(staff), withdrawalLimitPercent), Cancellation)
            .EnsureSuccessAsync();

    private static HarvestSourceInput Input(string url, string organisation = "gemeente-voorbeeld", int withdrawalLimitPercent = 20) =>
        new("Open data Gemeente Voorbeeld", url, "manual", "open", "CC-BY-4.0", organisation, withdrawalLimitPercent);

    // The hub organisation the source publishes under, made once per hub.
    private static async Task<string> OrganisationAsync(HubClient client)
    {
        var existing = await client.ListOrganisationsAsync(Cancellation).EnsureSuccessAsync();
        if (existing.FirstOrDefault(o => o.Name == "Gemeente Voorbeeld") is { } found)
        {
            return found.Id;
        }

        return (await client.AddOrganisationAsync(new OrganisationInput("gemeente-voorbeeld", "Gemeente Voorbeeld", "government"), Cancellation).EnsureSuccessAsync()).Id;
    }

    private async Task<HarvestRun> RunAsync(Guid sourceId, bool dryRun = false)
    {
        var queued = await staff.StartHarvestAsync(sourceId, dryRun, Cancellation).EnsureSuccessAsync();
        return await Eventually.Until(() => staff.HarvestRunAsync(queued.Id, Cancellation).EnsureSuccessAsync(), run => run.FinishedAt is not null,
            TimeSpan.FromSeconds(60), "the harvest run to end");
    }

    private async Task<List<ResourceSnapshot>> PublishedAsync()
    {
        var list = await staff.ListResourcesAsync(Cancellation, state: ResourceState.Published, pageSize: 100).EnsureSuccessAsync();
        return [.. list.Items];
    }

    private static ResourceInput ResourceInputOf(ResourceSnapshot resource) => new()
    {
        Kind = "dataset", Title = resource.Title, Summary = resource.Summary, Description = resource.Description, Keywords = resource.Keywords,
        Themes = resource.Themes, Licence = resource.Licence, AccessPolicy = resource.AccessPolicy.ToWireName(), Publisher = resource.Publisher,
        ContactPoint = resource.ContactPoint, Language = resource.Language,
    };
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Contracts;
using Federation.Contracts.Catalogue;
using Federation.Contracts.Metadata;
using Federation.Rdf;
using Federation.Testing;

namespace Federation.Catalogue.Tests;

/// <summary>
/// A resource's persistent URI, /id/{hub}/{resource}: a browser is sent to its page, a program gets the form it asks
/// for, the URI outlives renames and a wrong hub name, and a withdrawn resource still answers.
/// </summary>
public sealed class PersistentIdentifierSpecs : IAsyncLifetime
{
    private static readonly Uri Portal = new("https://portal.federatie.example/");
    private readonly string hub = CatalogueHost.NewHubId();
    private readonly Guid dataset = Guid.NewGuid();
    private readonly Guid model = Guid.NewGuid();
    private readonly Guid expertise = Guid.NewGuid();
    private CatalogueHost host = null!;
    private HttpClient client = null!;

    private string DatasetUri => $"http://localhost/id/{hub}/{dataset}";

    public async ValueTask InitializeAsync()
    {
        host = await CatalogueHost.StartAsync(new Dictionary<string, string> { ["Identifiers:PortalUrl"] = Portal.AbsoluteUri });
        client = host.ClientSeeingRedirects();
        ResourceSnapshot[] corpus =
        [
            CatalogueHost.Resource(hub, "Fietstellingen Utrecht", id: dataset, summary: "Tellingen per uur.") with
            {
                Dataset = new DatasetMetadata(new DateOnly(2023, 1, 1), null, "Utrecht", "MONTHLY", [], Version: "2023.2"),
            },
            CatalogueHost.Resource(hub, "Slijtagemodel", id: model, kind: ResourceKind.Model),
            CatalogueHost.Resource(hub, "Advies over beeldherkenning", id: expertise, kind: ResourceKind.Expertise),
        ];
        for (var i = 0; i < corpus.Length; i++)
        {
            await host.PublishAsync(Snapshots.Event(corpus[i], i + 1));
        }

        await host.WaitForSearchAsync($"hub={hub}", r => r.GetProperty("total").GetInt64() == corpus.Length, "the resources to be indexed");
    }

    [Fact]
    public async Task A_browser_is_sent_to_the_resources_page_in_the_portal()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/id/{hub}/{dataset}");
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(new Uri(Portal, $"resources/{dataset}"), response.Headers.Location);
        Assert.Contains("Accept", response.Headers.Vary);
        Assert.Contains($"<{DatasetUri}>; rel=\"canonical\"", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/ld+json", "application/ld+json")]
    [InlineData("text/turtle", "text/turtle")]
    [InlineData("application/n-triples", "application/n-triples")]
    [InlineData("text/turtle;q=0.5, application/n-triples;q=0.9, text/html;q=0.1", "application/n-triples")]
    [InlineData("application/ld+json;profile=\"http://www.w3.org/ns/json-ld#expanded\"", "application/ld+json")]
    public async Task Each_rdf_syntax_asked_for_is_the_datasets_DCAT_AP_description_named_by_the_uri_itself(string accept, string mediaType)
    {
        var (response, body) = await GetAsync($"/id/{hub}/{dataset}", accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var graph = mediaType == "application/ld+json" ? JsonLdReader.Read(JsonDocument.Parse(body).RootElement) : TurtleReader.Read(body);
        var subject = Assert.Single(graph.OfType(Vocab.Dcat + "Dataset"));
        Assert.Equal(new RdfIri(DatasetUri), subject);
        Assert.Equal("Fietstellingen Utrecht", graph.First(subject, Vocab.Dct + "title"));
        Assert.Equal("2023.2", graph.First(subject, Vocab.Dcat + "version"));
    }

    [Fact]
    public async Task Schema_org_Croissant_and_the_catalogues_json_are_asked_for_by_profile_and_media_type()
    {
        var (_, schemaOrg) = await GetAsync($"/id/{hub}/{dataset}", "application/ld+json; profile=\"https://schema.org/\"");
        var described = JsonDocument.Parse(schemaOrg).RootElement;
        Assert.Equal("Dataset", described.GetProperty("@type").GetString());
        Assert.Equal(DatasetUri, described.GetProperty("@id").GetString());

        var (_, croissant) = await GetAsync($"/id/{hub}/{dataset}", "application/ld+json;profile=\"http://mlcommons.org/croissant/1.0\"");
        Assert.Contains($"url          = {{{DatasetUri}}}", JsonDocument.Parse(croissant).RootElement.GetProperty("citeAs").GetString(), StringComparison.Ordinal);

        var (_, json) = await GetAsync($"/id/{hub}/{dataset}", "application/json");
        var record = JsonSerializer.Deserialize<CatalogueResource>(json, JsonSerializerOptions.Web)!;
        Assert.Equal(dataset, record.Resource.Id);
        Assert.Equal(new Uri(DatasetUri), record.Citation!.PersistentUri);
    }

    [Fact]
    public async Task Citations_are_served_as_BibTeX_and_APA_as_DOI_resolvers_serve_them()
    {
        var (bibResponse, bibtex) = await GetAsync($"/id/{hub}/{dataset}", "application/x-bibtex");
        var (_, apa) = await GetAsync($"/id/{hub}/{dataset}", "text/x-bibliography; style=apa");

        Assert.Equal("application/x-bibtex", bibResponse.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith($"@misc{{{hub}-", bibtex, StringComparison.Ordinal);
        Assert.Contains("  version      = {2023.2},", bibtex, StringComparison.Ordinal);
        Assert.Contains($"  url          = {{{DatasetUri}}},", bibtex, StringComparison.Ordinal);
        Assert.StartsWith("TU Eindhoven. (", apa, StringComparison.Ordinal);
        Assert.Contains("Fietstellingen Utrecht (Version 2023.2) [Data set].", apa, StringComparison.Ordinal);
        Assert.EndsWith(DatasetUri + "\n", apa, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_format_parameter_chooses_the_form_for_links_that_cannot_set_headers()
    {
        var (response, body) = await GetAsync($"/id/{hub}/{dataset}?format=ttl", "application/json");

        Assert.Equal("text/turtle", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new RdfIri(DatasetUri), Assert.Single(TurtleReader.Read(body).OfType(Vocab.Dcat + "Dataset")));
    }

    [Fact]
    public async Task Each_kind_is_offered_in_its_own_forms_and_nothing_else()
    {
        var (card, markdown) = await GetAsync($"/id/{hub}/{model}", "text/markdown");
        Assert.Equal("text/markdown", card.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("---\n", markdown, StringComparison.Ordinal);

        var (turtle, refusal) = await GetAsync($"/id/{hub}/{model}", "text/turtle");
        Assert.Equal(HttpStatusCode.NotAcceptable, turtle.StatusCode);
        Assert.Equal("application/problem+json", turtle.Content.Headers.ContentType?.MediaType);
        Assert.Contains("text/markdown", refusal, StringComparison.Ordinal);

        var (wrongFormat, problem) = await GetAsync($"/id/{hub}/{expertise}?format=ttl", "*/*");
        Assert.Equal(HttpStatusCode.BadRequest, wrongFormat.StatusCode);
        Assert.True(JsonDocument.Parse(problem).RootElement.GetProperty("errors").TryGetProperty("format", out _), problem);

        var (apa, citation) = await GetAsync($"/id/{hub}/{expertise}?format=apa", "*/*");
        Assert.Equal(HttpStatusCode.OK, apa.StatusCode);
        Assert.Contains("Advies over beeldherkenning (Version 2) [Expertise offer].", citation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("text/html;q=0, application/json;q=0")]
    [InlineData("application/ld+json;profile=\"https://example.org/unknown\"")]
    [InlineData("text/x-bibliography; style=chicago")]
    public async Task What_the_request_accepts_none_of_is_refused_with_what_is_offered(string accept)
    {
        var (response, body) = await GetAsync($"/id/{hub}/{dataset}", accept);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Contains("text/turtle", JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/id/not-{hub}/{dataset}?format=bibtex")]
    [InlineData("/id/{HUB}/{dataset}?format=bibtex")]
    [InlineData("/id/{hub}/{DATASET}?format=bibtex")]
    public async Task A_uri_spelling_the_hub_or_the_id_otherwise_redirects_permanently_to_the_canonical_one(string template)
    {
        var path = template.Replace("{hub}", hub, StringComparison.Ordinal).Replace("{HUB}", hub.ToUpperInvariant(), StringComparison.Ordinal)
            .Replace("{dataset}", dataset.ToString(), StringComparison.Ordinal).Replace("{DATASET}", dataset.ToString().ToUpperInvariant(), StringComparison.Ordinal);

        var (response, _) = await GetAsync(path, "*/*");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(new Uri($"{DatasetUri}?format=bibtex"), response.Headers.Location);
    }

    [Fact]
    public async Task A_bibtex_link_downloads_a_file_and_a_trackers_parameter_changes_nothing()
    {
        var (linked, _) = await GetAsync($"/id/{hub}/{dataset}?format=bibtex&utm_source=mail", "*/*");
        var (asked, _) = await GetAsync($"/id/{hub}/{dataset}?fbclid=x", "application/x-bibtex");

        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        Assert.Equal("attachment", linked.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".bib", linked.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Null(asked.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task Without_a_portal_a_uri_offers_no_page_and_answers_anyone_with_its_description()
    {
        await using var alone = await CatalogueHost.StartAsync();
        var resource = CatalogueHost.Resource(hub, "Zonder portaal");
        await alone.PublishAsync(Snapshots.Event(resource, 1));
        using var noRedirects = alone.ClientSeeingRedirects();
        await Eventually.Until(() => noRedirects.GetAsync($"/resources/{resource.Id}"), found => found.IsSuccessStatusCode, TimeSpan.FromSeconds(30), "the resource to arrive");

        using var anything = await noRedirects.GetAsync($"/id/{hub}/{resource.Id}");
        using var page = await noRedirects.GetAsync($"/id/{hub}/{resource.Id}?format=html");

        Assert.Equal(HttpStatusCode.OK, anything.StatusCode);
        Assert.Equal("application/ld+json", anything.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
    }

    [Theory]
    [InlineData("/id/{hub}/{unknown}")]
    [InlineData("/id/{hub}/not-a-guid")]
    [InlineData("/id/{hub}/{unknown-upper}")]
    public async Task An_identifier_no_resource_has_is_not_found_in_words(string template)
    {
        var unknown = Guid.NewGuid();
        var path = template.Replace("{hub}", hub, StringComparison.Ordinal)
            .Replace("{unknown-upper}", unknown.ToString().ToUpperInvariant(), StringComparison.Ordinal)
            .Replace("{unknown}", unknown.ToString(), StringComparison.Ordinal);

        var (response, _) = await GetAsync(path, "text/turtle");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_uri_outlives_a_rename_and_a_withdrawal_still_answers()
    {
        var original = CatalogueHost.Resource(hub, "Fietstellingen Utrecht", id: dataset);
        await host.PublishAsync(Snapshots.Event(original with { Version = 3, Title = "Fietsverkeer Utrecht per uur" }, 4));
        await Eventually.Until(() => GetAsync($"/id/{hub}/{dataset}?format=apa", "*/*"), answer => answer.Body.Contains("Fietsverkeer Utrecht per uur", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the renamed resource to be cited under its new title at the same URI");

        await host.PublishAsync(Snapshots.Event(original with { Version = 4, State = ResourceState.Withdrawn, WithdrawnAt = DateTimeOffset.UtcNow, WithdrawalReason = "Vervangen door de provinciale telling." }, 5));
        await Eventually.Until(() => GetAsync($"/id/{hub}/{dataset}", "text/turtle"), answer => answer.Response.StatusCode == HttpStatusCode.Gone,
            TimeSpan.FromSeconds(30), "the withdrawal to reach the catalogue");

        var (gone, problem) = await GetAsync($"/id/{hub}/{dataset}", "application/ld+json");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Vervangen door de provinciale telling.", problem, StringComparison.Ordinal);
        var (cited, _) = await GetAsync($"/id/{hub}/{dataset}", "application/x-bibtex");
        Assert.Equal(HttpStatusCode.OK, cited.StatusCode);
        var (page, _) = await GetAsync($"/id/{hub}/{dataset}", "text/html");
        Assert.Equal(HttpStatusCode.SeeOther, page.StatusCode);
        var (record, json) = await GetAsync($"/id/{hub}/{dataset}", "application/json");
        Assert.Equal(HttpStatusCode.OK, record.StatusCode);
        Assert.Equal(ResourceState.Withdrawn, JsonSerializer.Deserialize<CatalogueResource>(json, JsonSerializerOptions.Web)!.Resource.State);
    }

    [Fact]
    public async Task A_head_request_answers_like_a_get_without_a_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"/id/{hub}/{dataset}");
        request.Headers.TryAddWithoutValidation("Accept", "text/turtle");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/turtle", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<{DatasetUri}?format=bibtex>; rel=\"alternate\"; type=\"application/x-bibtex\"", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_catalogues_own_record_and_its_exports_name_the_resource_by_its_persistent_uri()
    {
        var record = await client.GetFromJsonAsync<CatalogueResource>($"/resources/{dataset}", JsonSerializerOptions.Web);
        var export = TurtleReader.Read(await client.GetStringAsync("/export/dcat-ap?format=ttl&pageSize=500"));

        Assert.Equal(new Uri(DatasetUri), record!.Citation!.PersistentUri);
        Assert.Contains(new RdfIri(DatasetUri), export.OfType(Vocab.Dcat + "Dataset"));
    }

    public async ValueTask DisposeAsync()
    {
        client?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    private async Task<(HttpResponseMessage Response, string Body)> GetAsync(string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Clients.Hubs;
using Federation.Testing;
using Npgsql;
using Federation.Testing.Hosts;

namespace Federation.Hub.Tests;

/// <summary>Uploads within their limits, by safe names, on the right kinds; and an audit log that can only grow and can be exported.</summary>
public sealed class ArtifactAndAuditSpecs : SpecsOnAFresh<HubHost>
{
    private readonly string root = Directory.CreateTempSubdirectory("hub-artifacts-").FullName;

    public override async ValueTask InitializeAsync() => Host = await HubHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Artifacts:Root"] = root,
        ["Artifacts:MaxBytes"] = "4096",
    });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_and_leaves_nothing_behind()
    {
        var dataset = await CreateAsync("dataset");

        var tooLarge = await UploadAsync(dataset, "big.bin", new byte[5000], "application/octet-stream", sendLength: false);
        var fits = await UploadAsync(dataset, "small.bin", new byte[4096], "application/octet-stream");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
        Assert.Equal(1, await Host.CountAsync("hub_artifacts"));
        Assert.Single(Directory.GetFiles(root, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("..secret", "application/octet-stream", "fileName")]
    [InlineData(".hidden", "application/octet-stream", "fileName")]
    [InlineData("data.csv", "not a media type", "Content-Type")]
    public async Task Unsafe_names_and_unknown_media_types_are_refused(string fileName, string mediaType, string field)
    {
        var dataset = await CreateAsync("dataset");

        var response = await UploadAsync(dataset, fileName, [1, 2, 3], mediaType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(0, await Host.CountAsync("hub_artifacts"));
    }

    [Fact]
    public async Task Expertise_offers_have_no_files()
    {
        var offer = await CreateAsync("expertise");

        Assert.Equal(HttpStatusCode.Conflict, (await UploadAsync(offer, "cv.pdf", [1], "application/pdf")).StatusCode);
    }

    [Fact]
    public async Task The_audit_log_refuses_changes_and_exports_every_record_as_a_json_line()
    {
        await CreateAsync("dataset");
        await using var connection = new NpgsqlConnection(LocalInfrastructure.ConnectionString(Host.Database));
        await connection.OpenAsync();

        foreach (var sql in new[] { "UPDATE hub_audit SET outcome = 'changed'", "DELETE FROM hub_audit", "TRUNCATE hub_audit" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refused = await Record.ExceptionAsync(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", Assert.IsType<PostgresException>(refused).MessageText, StringComparison.Ordinal);
        }

        using var staff = await Host.CreateClientAsync("staff");
        var export = await staff.GetAsync("/audit/export");
        Assert.Equal("application/x-ndjson", export.Content.Headers.ContentType?.MediaType);
        var lines = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(await Host.CountAsync("hub_audit"), lines.Length);
        Assert.Contains(lines.Select(line => JsonDocument.Parse(line).RootElement), record =>
            record.GetProperty("action").GetString() == "resource.created" && record.GetProperty("actorHub").GetString() == "brainport");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Host.CreateClientAsync("researcher")).GetAsync("/audit")).StatusCode);
    }

    [Fact]
    public async Task The_audit_export_stops_at_its_limit_and_refuses_a_limit_below_one()
    {
        await CreateAsync("dataset");
        await CreateAsync("model");
        using var staff = await Host.CreateClientAsync("staff");

        var all = (await staff.GetStringAsync("/audit/export")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var first = (await staff.GetStringAsync("/audit/export?limit=1")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var refused = await staff.GetAsync("/audit/export?limit=0");

        Assert.True(all.Length > 1);
        Assert.Equal([all[0]], first);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("limit", out _));
    }

    private async Task<Guid> CreateAsync(string kind)
    {
        using var staff = await Host.CreateClientAsync("staff");
        var created = await new HubClient(staff).CreateResourceAsync(ResourceJson.Minimal(kind, $"A {kind}", "open", "TU/e"), TestContext.Current.CancellationToken);
        return created.EnsureSuccess().Id;
    }

    // Sent over HTTP directly: the specs upload with media types that are no media type, and without a length.
    private async Task<HttpResponseMessage> UploadAsync(Guid resource, string fileName, byte[] content, string mediaType, bool sendLength = true)
    {
        using var staff = await Host.CreateClientAsync("staff");
        var body = sendLength ? (HttpContent)new ByteArrayContent(content) : new StreamContent(new MemoryStream(content));
        body.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        if (!sendLength)
        {
            // Streamed without a length, so the limit must be enforced while reading, not from a header.
            body.Headers.ContentLength = null;
        }

        return await staff.PutAsync($"/resources/{resource}/artifacts/{Uri.EscapeDataString(fileName)}", body);
    }
}

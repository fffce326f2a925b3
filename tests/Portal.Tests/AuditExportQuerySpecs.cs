using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Portal.Staff;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace Federation.Portal.Tests;

/// <summary>
/// The staff's audit export passes its filters to the hub as given: dates in ISO 8601 read as UTC when they carry no
/// offset (never in the portal server's own time zone), the limit kept; a value that cannot be read is a 400 naming it.
/// </summary>
public sealed class AuditExportQuerySpecs(UnreachableCatalogueSpecs.PortalAlone portal) : IClassFixture<UnreachableCatalogueSpecs.PortalAlone>
{
    [Theory]
    [InlineData("2026-03-01", "2026-03-01T00:00:00.0000000+00:00")]
    [InlineData("2026-03-01T09:30", "2026-03-01T09:30:00.0000000+00:00")]
    [InlineData("2026-03-01T09:30:15Z", "2026-03-01T09:30:15.0000000+00:00")]
    [InlineData("2026-03-01T09:30:15.25+02:00", "2026-03-01T07:30:15.2500000+00:00")]
    public void A_date_without_an_offset_is_UTC_and_one_with_an_offset_is_turned_into_UTC(string given, string meant)
    {
        var (filter, field, _) = AuditExportQuery.Read(Query($"from={Uri.EscapeDataString(given)}&to={Uri.EscapeDataString(given)}"));

        Assert.Null(field);
        Assert.Equal(meant, filter!.From!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(meant, filter.To!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Every_filter_is_passed_on_the_limit_too()
    {
        var resource = Guid.NewGuid();

        var (filter, _, _) = AuditExportQuery.Read(Query($"action=artifact&actorHub=brainport&resourceId={resource}&outcome=done&after=41&limit=50"));

        Assert.Equal(new Federation.Clients.Hubs.AuditFilter("artifact", "brainport", resource, null, null, "done", 41, 50), filter);
    }

    [Theory]
    [InlineData("from=01/03/2026", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-02-30", "from")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=99999999999", "limit")]
    [InlineData("after=-1", "after")]
    [InlineData("resourceId=42", "resourceId")]
    public async Task A_value_that_cannot_be_read_is_answered_400_naming_its_field(string query, string field)
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync($"/staff/audit/export?{query}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(error => error.Name));
    }

    private static QueryCollection Query(string query) => new(QueryHelpers.ParseQuery(query));
}

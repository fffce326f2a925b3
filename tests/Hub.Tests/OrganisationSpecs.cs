using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Testing.Hosts;

namespace Federation.Hub.Tests;

/// <summary>Staff keep the hub's organisations; a company needs a real KvK number, a domain belongs to one organisation.</summary>
public sealed class OrganisationSpecs : SpecsOnAFresh<HubHost>
{
    [Fact]
    public async Task Staff_add_a_company_and_an_institution_and_see_them_with_their_members()
    {
        using var staff = await Host.CreateClientAsync("staff");

        var company = await staff.PostAsJsonAsync("/organisations", new { name = "Drenthe Drones B.V.", type = "company", kvkNumber = "12345678" });
        var university = await staff.PostAsJsonAsync("/organisations", new { name = "Rijksuniversiteit Groningen", type = "university", domains = new[] { "rug.nl", "student.rug.nl" } });

        Assert.Equal(HttpStatusCode.Created, company.StatusCode);
        Assert.Equal(HttpStatusCode.Created, university.StatusCode);
        var created = await company.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("drenthe-drones-b-v", created.GetProperty("id").GetString());
        Assert.Equal(0, created.GetProperty("members").GetInt32());
        var all = await staff.GetFromJsonAsync<JsonElement>("/organisations");
        var brainport = all.EnumerateArray().Single(o => o.GetProperty("id").GetString() == "brainport-hub");
        Assert.True(brainport.GetProperty("members").GetInt32() >= 1);
        Assert.Contains(all.EnumerateArray(), o => o.GetProperty("id").GetString() == "rijksuniversiteit-groningen"
            && o.GetProperty("domains").EnumerateArray().Select(d => d.GetString()).SequenceEqual(["rug.nl", "student.rug.nl"]));
        Assert.Equal(2, await Host.CountAuditAsync("organisation.added", "done"));
    }

    [Theory]
    [InlineData("company", "1234567", "kvkNumber")]
    [InlineData("company", "123456789", "kvkNumber")]
    [InlineData("company", "1234567a", "kvkNumber")]
    [InlineData("company", null, "kvkNumber")]
    [InlineData("university", "12345678", "kvkNumber")]
    [InlineData("foundation", null, "type")]
    public async Task A_bad_organisation_is_refused_by_field_and_nothing_is_added(string type, string? kvkNumber, string field)
    {
        using var staff = await Host.CreateClientAsync("staff");
        var before = await Host.CountAsync("hub_organisations");

        var response = await staff.PostAsJsonAsync("/organisations", new { name = "Twijfelachtig Bedrijf", type, kvkNumber });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await Host.CountAsync("hub_organisations"));
    }

    [Fact]
    public async Task A_kvk_number_or_a_domain_belongs_to_one_organisation()
    {
        using var staff = await Host.CreateClientAsync("staff");
        (await staff.PostAsJsonAsync("/organisations", new { name = "Eerste B.V.", type = "company", kvkNumber = "87654321" })).EnsureSuccessStatusCode();
        (await staff.PostAsJsonAsync("/organisations", new { name = "Hanzehogeschool", type = "university", domains = new[] { "hanze.nl" } })).EnsureSuccessStatusCode();

        var sameKvk = await staff.PostAsJsonAsync("/organisations", new { name = "Tweede B.V.", type = "company", kvkNumber = "87654321" });
        var sameDomain = await staff.PostAsJsonAsync("/organisations", new { name = "Hanze Onderzoek", type = "research-institute", domains = new[] { "hanze.nl" } });
        var badDomain = await staff.PostAsJsonAsync("/organisations", new { name = "Vage Instelling", type = "other", domains = new[] { "Not A Domain" } });

        Assert.Equal(HttpStatusCode.Conflict, sameKvk.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, sameDomain.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDomain.StatusCode);
    }

    [Fact]
    public async Task Only_staff_see_or_change_organisations()
    {
        using var researcher = await Host.CreateClientAsync("researcher");
        using var anonymous = Host.CreateClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await researcher.GetAsync("/organisations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await researcher.PostAsJsonAsync("/organisations", new { name = "Stiekem B.V.", type = "company", kvkNumber = "11112222" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/organisations")).StatusCode);
    }
}

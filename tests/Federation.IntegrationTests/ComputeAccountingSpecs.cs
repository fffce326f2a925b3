using System.Net.Http.Json;
using System.Text.Json;
using Federation.Contracts.Compute;
using Federation.Contracts;
using Federation.Contracts.Serialization;
using Federation.Testing;
using Npgsql;

namespace Federation.IntegrationTests;

/// <summary>
/// The factory's open accounting (GET /transparency, /transparency.csv), kept as things happen: after calls, awards
/// and imported use, its figures equal the sums computed here, independently, from the factory's raw records; no
/// person appears in it, and an organisation only when its applicant consented.
/// </summary>
[Collection(ComputeCollection.Name)]
public sealed class ComputeAccountingSpecs(ComputeFixture fixture)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_open_accounting_equals_the_sums_of_the_raw_records_and_names_no_one()
    {
        // Something to count, whatever ran before: an award with use.
        var (application, grant) = await new ComputeSteps(fixture).AwardedAsync(hours: 3_000, awarded: 2_000);
        using var factoryStaff = await ComputeSteps.SignedInAsync(fixture.Factory, "staff");
        var ended = DateTime.UtcNow.AddHours(-3).ToString("yyyy-MM-dd'T'HH:mm:ss");
        var accounting = $"JobID|Account|Elapsed|AllocTRES|ConsumedEnergyRaw|End\n{Random.Shared.Next(20_000_000, 30_000_000)}|{grant.Account}|10:00:00|gres/gpu=4|36000000|{ended}\n";
        (await factoryStaff.PostAsync("usage", new StringContent(accounting, System.Text.Encoding.UTF8, "text/plain"), Cancellation)).EnsureSuccessStatusCode();

        var open = await fixture.Factory.Http.GetFromJsonAsync<FacilityAccounting>("transparency", FederationJson.Options, Cancellation);
        decimal Figure(string dimension, string value, string measure) =>
            open!.Rows.Where(r => r.Dimension == dimension && r.Value == value && r.Measure == measure).Sum(r => r.Amount);

        await using var raw = new NpgsqlConnection(LocalInfrastructure.ConnectionString(fixture.Federation.HubDatabases[LocalFederation.Facility.Id]));
        await raw.OpenAsync(Cancellation);
        async Task<decimal> SumAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, raw);
            return Convert.ToDecimal(await command.ExecuteScalarAsync(Cancellation) ?? 0m, System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(await SumAsync("SELECT coalesce(sum(capacity_hours), 0) FROM compute_calls"), Figure("all", "all", "offeredHours"));
        Assert.Equal(await SumAsync("SELECT count(*) FROM compute_received"), Figure("all", "all", "applications"));
        Assert.Equal(await SumAsync("SELECT count(*) FROM compute_received WHERE state <> 'received'"), Figure("all", "all", "decisions"));
        Assert.Equal(await SumAsync("SELECT coalesce(sum(hours), 0) FROM compute_allocations"), Figure("all", "all", "awardedHours"));
        Assert.Equal(await SumAsync("SELECT coalesce(sum(hours), 0) FROM compute_allocations WHERE hub_id = 'brainport'"), Figure("hub", "brainport", "awardedHours"));
        Assert.Equal(await SumAsync("SELECT coalesce(sum(hours), 0) FROM compute_allocations WHERE organisation_type = 'start-up'"),
            Figure("organisationType", "start-up", "awardedHours"));
        Assert.Equal(await SumAsync("SELECT coalesce(sum(accelerator_hours), 0) FROM compute_usage"), Figure("all", "all", "usedHours"));
        Assert.Equal(await SumAsync("SELECT coalesce(sum(u.accelerator_hours), 0) FROM compute_usage u JOIN compute_allocations a ON a.id = u.allocation_id WHERE a.hub_id = 'brainport'"),
            Figure("hub", "brainport", "usedHours"));
        Assert.Equal(await SumAsync("SELECT coalesce(sum(energy_kwh), 0) FROM compute_usage"), Figure("all", "all", "energyKwh"));
        Assert.Equal(await SumAsync("SELECT coalesce(sum(u.energy_kwh), 0) FROM compute_usage u JOIN compute_allocations a ON a.id = u.allocation_id WHERE a.heat_reused"),
            Figure("all", "all", "energyAtHeatReuseKwh"));
        Assert.Equal(await SumAsync("SELECT coalesce(sum(a.hours), 0) FROM compute_allocations a WHERE a.province = 'NL-NB'"), Figure("province", "NL-NB", "awardedHours"));
        Assert.Equal(await SumAsync("SELECT coalesce(sum(a.hours), 0) FROM compute_allocations a WHERE a.sector = 'C'"), Figure("sector", "C", "awardedHours"));
        Assert.Equal(await SumAsync("""
            SELECT coalesce(sum(round(extract(epoch FROM decided_at - received_at)::numeric / 86400, 3)), 0) FROM compute_received WHERE decided_by <> 'the call''s rules'
            """), Figure("all", "all", "decisionDays"));

        // Organisations only where their applicant consented, and every one that did; no person's name anywhere.
        var named = open!.Rows.Where(r => r.Dimension == "organisation").Select(r => r.Value).ToHashSet();
        await using (var consenting = new NpgsqlCommand("""
            SELECT DISTINCT application->>'organisationName' FROM compute_received
             WHERE (application->>'nameOrganisationPublicly')::boolean AND application->>'organisationName' IS NOT NULL
            """, raw))
        await using (var reader = await consenting.ExecuteReaderAsync(Cancellation))
        {
            var expected = new HashSet<string>();
            while (await reader.ReadAsync(Cancellation))
            {
                expected.Add(reader.GetString(0));
            }

            Assert.Equal(expected.Order(), named.Order());
        }

        Assert.Contains("Kempen Precision Parts B.V.", named);
        // Brainport's researcher (TU Eindhoven) applied without consenting to be named.
        Assert.DoesNotContain("TU Eindhoven", named);
        var csv = await fixture.Factory.Http.GetStringAsync("transparency.csv", Cancellation);
        Assert.StartsWith("month,dimension,value,measure,amount\n", csv, StringComparison.Ordinal);
        foreach (var person in new[] { "Anouk Verhoeven", "Dr. Mei Chen", application.ApplicantSubject })
        {
            Assert.DoesNotContain(person, csv, StringComparison.Ordinal);
            Assert.DoesNotContain(open.Rows, r => r.Value == person);
        }
    }

    [Fact]
    public async Task The_open_accounting_is_itself_a_dataset_in_the_catalogue_with_its_CSV_and_JSON_and_is_exported_in_DCAT_AP()
    {
        var catalogue = fixture.Federation.Catalogue;
        var found = await Eventually.Until(
            () => catalogue.Http.GetFromJsonAsync<JsonElement>($"search?kind=dataset&hub={LocalFederation.Facility.Id}&q=accounting", Cancellation),
            result => result.GetProperty("total").GetInt64() >= 1, TimeSpan.FromSeconds(30), "the open accounting's dataset in the catalogue");
        var id = found.GetProperty("items")[0].GetProperty("id").GetGuid();
        var resource = (await catalogue.CatalogueClient().GetResourceAsync(id, Cancellation).EnsureSuccessAsync()).Resource;
        Assert.Equal(($"Open accounting of compute — {LocalFederation.Facility.Name}", "CC0-1.0", "open"), (resource.Title, resource.Licence, resource.AccessPolicy.ToWireName()));
        var distributions = resource.Dataset!.Distributions!;
        Assert.Equal(["application/json", "text/csv"], distributions.Select(d => d.MediaType).Order());

        // Its distributions are the facility's own accounting, as anyone may download it.
        var csv = distributions.Single(d => d.MediaType == "text/csv").DownloadUrl!;
        Assert.Equal(new Uri(fixture.Factory.BaseUrl, "transparency.csv"), csv);
        Assert.StartsWith("month,dimension,value,measure,amount\n", await fixture.Factory.Http.GetStringAsync(csv, Cancellation), StringComparison.Ordinal);

        var exported = await catalogue.Http.GetStringAsync($"resources/{id}/dcat-ap?format=ttl", Cancellation);
        Assert.Contains("dcat:Dataset", exported, StringComparison.Ordinal);
        Assert.Contains($"<{csv.AbsoluteUri}>", exported, StringComparison.Ordinal);
    }
}

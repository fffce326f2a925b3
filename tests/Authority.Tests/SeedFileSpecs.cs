using System.Net.Http.Json;
using System.Text.Json;
using Federation.Contracts.Authority;
using Federation.Contracts.Serialization;
using Federation.Trust;

namespace Federation.Authority.Tests;

/// <summary>
/// A deployment brings its first members in through a seed file: each admitted as an operator would admit it, once;
/// what the operators change afterwards (a suspension) survives every restart with the same seed; a seed that does not
/// pass the admission checks stops the start instead of leaving a member out silently.
/// </summary>
public sealed class SeedFileSpecs : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("authority-seed-").FullName;
    private readonly FederationKey hubKey = FederationKey.Generate();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seeded_members_are_admitted_once_and_the_operators_later_word_wins()
    {
        await using var host = await AuthorityHost.StartAsync(new Dictionary<string, string> { ["Authority:SeedFile"] = Seed(hubKey.ToPublicPem()) });
        using (var anyone = host.CreateClient())
        {
            Assert.Equal(["https://brainport.hubs.test"], await anyone.GetFromJsonAsync<List<string>>("list", Cancellation));
        }

        using (var admin = host.CreateAdminClient())
        {
            (await admin.PostAsJsonAsync("members/brainport/suspend", new MemberChange("Key may have leaked."), FederationJson.Options, Cancellation)).EnsureSuccessStatusCode();
        }

        await host.RestartAsync();

        using var again = host.CreateClient();
        Assert.Empty((await again.GetFromJsonAsync<List<string>>("list", Cancellation))!);
        using var operators = host.CreateAdminClient();
        var members = await operators.GetFromJsonAsync<List<FederationMember>>("members", FederationJson.Options, Cancellation);
        Assert.Equal(MemberState.Suspended, Assert.Single(members!).State);
    }

    [Fact]
    public async Task A_seed_with_a_private_key_stops_the_start()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(async () =>
            await (await AuthorityHost.StartAsync(new Dictionary<string, string> { ["Authority:SeedFile"] = Seed(hubKey.ToPem()) })).DisposeAsync());

        Assert.Contains("brainport cannot be admitted", refused.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        hubKey.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private string Seed(string key)
    {
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.json");
        var admission = new MemberAdmission(new Uri("https://brainport.hubs.test"), "AI-hub Brainport", MemberMetadata.HubKind,
            new Uri("https://brainport.hubs.test/"), new Uri("https://brainport.hubs.test/"), [key]);
        File.WriteAllText(path, JsonSerializer.Serialize(new { members = new Dictionary<string, MemberAdmission> { ["brainport"] = admission } }, FederationJson.Options));
        return path;
    }
}

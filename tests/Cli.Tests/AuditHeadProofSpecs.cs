using System.Text.Json.Nodes;
using Federation.Testing;

namespace Federation.Cli.Tests;

/// <summary>
/// <c>audit verify --catalogue --authority --anchor-key</c> checks that every head the catalogue kept is the hub's own
/// signed word, with the keys the authority vouches for (read and checked against the anchor key named on the command
/// line), before comparing the hub's chain with them: a catalogue that changes a head it kept is caught.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class AuditHeadProofSpecs(HubFixture fixture)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Heads_kept_by_an_honest_catalogue_are_the_hubs_signed_word_and_agree_with_its_chain()
    {
        await HeadsKeptAsync();

        var run = await CliRun.Of(fixture, ["audit", "verify", .. Trusting()]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Matches(@"[1-9]\d* heads are the hub's own signed word", run.Output);
        Assert.DoesNotContain("Not the hub's word", run.Output, StringComparison.Ordinal);
        Assert.Contains("It agrees with all", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_head_the_catalogue_changed_is_not_the_hubs_word()
    {
        await HeadsKeptAsync();
        using var lying = new LyingCatalogue(fixture.Catalogue.BaseUrl) { InnerHandler = new HttpClientHandler() };

        var run = await CliRun.Through(lying, fixture.Hub.BaseUrl, ["audit", "verify", .. Trusting()]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Not the hub's word", run.Output, StringComparison.Ordinal);
        Assert.Contains("another place or hash", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_anchors_key_the_authority_is_not_asked()
    {
        var run = await CliRun.Of(fixture, "audit", "verify", "--catalogue", fixture.Catalogue.BaseUrl.ToString(), "--authority", fixture.Authority.Process.BaseUrl.ToString());

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--anchor-key", run.Output, StringComparison.Ordinal);
    }

    private string[] Trusting() =>
    [
        "--catalogue", fixture.Catalogue.BaseUrl.ToString(),
        "--authority", fixture.Authority.Process.BaseUrl.ToString(),
        "--anchor-key", fixture.Authority.AnchorPublicKeyFile,
    ];

    private Task HeadsKeptAsync() =>
        Eventually.Until(async () => await fixture.Catalogue.CatalogueClient().AuditHeadsAsync("brainport", 10, Cancellation).EnsureSuccessAsync(),
            heads => heads.Count > 0, TimeSpan.FromSeconds(60), "a head of brainport's audit chain kept by the catalogue");

    // Answers the catalogue's kept heads with the first one's hash changed (its signature and signed text as kept).
    private sealed class LyingCatalogue(Uri catalogue) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri is not { } uri || uri.Authority != catalogue.Authority || !uri.AbsolutePath.EndsWith("/audit-heads", StringComparison.Ordinal))
            {
                return response;
            }

            var heads = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsArray();
            heads[0]!["hash"] = new string('a', 64);
            response.Content = new StringContent(heads.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            return response;
        }
    }
}

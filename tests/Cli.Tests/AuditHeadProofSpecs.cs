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
        using var lying = new LyingCatalogue(fixture.Catalogue.BaseUrl, heads => heads[0]!["hash"] = new string('a', 64)) { InnerHandler = new HttpClientHandler() };

        var run = await CliRun.Through(lying, fixture.Hub.BaseUrl, ["audit", "verify", .. Trusting()]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Not the hub's word", run.Output, StringComparison.Ordinal);
        Assert.Contains("another place or hash", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_head_made_up_under_an_unknown_key_proves_nothing_and_accuses_no_one()
    {
        await HeadsKeptAsync();
        using var lying = new LyingCatalogue(fixture.Catalogue.BaseUrl, heads =>
        {
            // A head for a place the chain has, with a hash it never had, "signed" with a key nobody vouches for.
            var madeUp = heads[0]!.DeepClone();
            madeUp["hash"] = new string('b', 64);
            madeUp["keyId"] = "made-up";
            madeUp["signature"] = Header(new { alg = "ES256", typ = "federation-message+jws", kid = "made-up", sub = "brainport", msg = "HubHeartbeat", iat = 1 }) + "..c2ln";
            madeUp["contradicts"] = true;
            heads.Add(madeUp);
        }) { InnerHandler = new HttpClientHandler() };

        var run = await CliRun.Through(lying, fixture.Hub.BaseUrl, ["audit", "verify", .. Trusting()]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("1 heads are signed with keys the authority does not vouch for now", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Rewritten", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_genuine_head_the_catalogue_marks_as_contradicting_is_judged_on_the_hubs_word()
    {
        await HeadsKeptAsync();
        using var lying = new LyingCatalogue(fixture.Catalogue.BaseUrl, heads => heads[0]!["contradicts"] = true) { InnerHandler = new HttpClientHandler() };

        var trusted = await CliRun.Through(lying, fixture.Hub.BaseUrl, ["audit", "verify", .. Trusting()]);
        var catalogueOnly = await CliRun.Through(lying, fixture.Hub.BaseUrl, "audit", "verify", "--catalogue", fixture.Catalogue.BaseUrl.ToString());

        Assert.True(trusted.ExitCode == 0, trusted.Output);
        // Without the authority the catalogue's word is all there is, and the command says so.
        Assert.Equal(1, catalogueOnly.ExitCode);
        Assert.Contains("signatures are not checked", catalogueOnly.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_anchors_key_the_authority_is_not_asked()
    {
        var run = await CliRun.Of(fixture, "audit", "verify", "--catalogue", fixture.Catalogue.BaseUrl.ToString(), "--authority", fixture.Authority.Process.BaseUrl.ToString());

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--anchor-key", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anchor_key_that_is_no_key_is_refused_before_anything_is_asked()
    {
        var notAKey = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(notAKey, "-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n", Cancellation);

            var run = await CliRun.Of(fixture, "audit", "verify", "--catalogue", fixture.Catalogue.BaseUrl.ToString(),
                "--authority", fixture.Authority.Process.BaseUrl.ToString(), "--anchor-key", notAKey);

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("--anchor-key must name the authority's public key", run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(notAKey);
        }
    }

    [Fact]
    public async Task The_authority_is_only_asked_about_heads_a_catalogue_kept()
    {
        var run = await CliRun.Of(fixture, "audit", "verify", "--authority", fixture.Authority.Process.BaseUrl.ToString(), "--anchor-key", fixture.Authority.AnchorPublicKeyFile);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("name the catalogue too", run.Output, StringComparison.Ordinal);
    }

    private static string Header(object header) =>
        Convert.ToBase64String(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(header)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private string[] Trusting() =>
    [
        "--catalogue", fixture.Catalogue.BaseUrl.ToString(),
        "--authority", fixture.Authority.Process.BaseUrl.ToString(),
        "--anchor-key", fixture.Authority.AnchorPublicKeyFile,
    ];

    private Task HeadsKeptAsync() =>
        Eventually.Until(async () => await fixture.Catalogue.CatalogueClient().AuditHeadsAsync("brainport", 10, Cancellation).EnsureSuccessAsync(),
            heads => heads.Count > 0, TimeSpan.FromSeconds(60), "a head of brainport's audit chain kept by the catalogue");

    // Answers the catalogue's kept heads as the real catalogue does, changed by the spec's lie (signatures and signed texts as kept).
    private sealed class LyingCatalogue(Uri catalogue, Action<JsonArray> lie) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri is not { } uri || uri.Authority != catalogue.Authority || !uri.AbsolutePath.EndsWith("/audit-heads", StringComparison.Ordinal))
            {
                return response;
            }

            var heads = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsArray();
            lie(heads);
            response.Content = new StringContent(heads.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            return response;
        }
    }
}

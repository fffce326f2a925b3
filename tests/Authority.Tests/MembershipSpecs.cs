using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Contracts.Authority;
using Federation.Contracts.Serialization;
using Federation.Testing;
using Federation.Testing.Hosts;
using Federation.Trust;
using Npgsql;

namespace Federation.Authority.Tests;

/// <summary>
/// The federation authority as its operators and every node use it: a member admitted with its public keys has a
/// statement that verifies against the authority's key alone and describes it as admitted; suspension and removal take
/// its statement away (and are audited); only the operators' secret changes anything; bad admissions change nothing.
/// </summary>
public sealed class MembershipSpecs : SpecsOnAFresh<AuthorityHost>
{
    private static readonly Uri BrainportId = new("https://brainport.hubs.test");
    private readonly FederationKey brainportKey = FederationKey.Generate();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        brainportKey.Dispose();
    }

    [Fact]
    public async Task An_admitted_member_has_a_statement_that_verifies_against_the_authoritys_key_alone()
    {
        using var admin = Host.CreateAdminClient();
        var admitted = await admin.PutAsJsonAsync("members/brainport", Admission(), FederationJson.Options, Cancellation);
        using var anyone = Host.CreateClient();

        var listed = await anyone.GetFromJsonAsync<List<string>>("list", Cancellation);
        var fetched = await anyone.GetAsync($"fetch?sub={Uri.EscapeDataString(BrainportId.AbsoluteUri)}", Cancellation);
        var statement = await fetched.Content.ReadAsStringAsync(Cancellation);
        var chain = await TrustChains.VerifyAsync(Host.Anchor, statement, entityConfiguration: null, TimeProvider.System);

        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        Assert.Equal([BrainportId.AbsoluteUri.TrimEnd('/')], listed);
        Assert.Equal("application/entity-statement+jwt", fetched.Content.Headers.ContentType?.MediaType);
        Assert.Null(chain.Refusal);
        Assert.Equal(new MemberMetadata("brainport", "AI-hub Brainport", "hub", new Uri("https://brainport.hubs.test/"), new Uri("https://brainport.hubs.test/")), chain.Member!.Member);
        Assert.Equal(brainportKey.KeyId, Assert.Single(chain.Member.Keys).Kid);
        Assert.InRange(chain.Member.ValidUntil - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(16));
    }

    [Fact]
    public async Task The_authoritys_own_configuration_publishes_its_keys_signed_by_itself()
    {
        using var anyone = Host.CreateClient();

        var configuration = await anyone.GetStringAsync(".well-known/openid-federation", Cancellation);
        var read = await EntityStatements.ReadAsync(configuration, Host.Anchor.Keys, AuthorityHost.EntityId, AuthorityHost.EntityId, TimeProvider.System);

        Assert.Null(read.Refusal);
        Assert.Equal(Host.Key.KeyId, Assert.Single(read.Statement!.Keys).Kid);
        Assert.DoesNotContain("\"d\"", configuration, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suspension_and_removal_take_the_statement_away_and_each_step_is_audited()
    {
        using var admin = Host.CreateAdminClient();
        using var anyone = Host.CreateClient();
        await admin.PutAsJsonAsync("members/brainport", Admission(), FederationJson.Options, Cancellation);
        var fetch = $"fetch?sub={Uri.EscapeDataString(BrainportId.AbsoluteUri)}";

        var suspended = await admin.PostAsJsonAsync("members/brainport/suspend", new MemberChange("Keys leaked; suspended until rotated."), FederationJson.Options, Cancellation);
        var whileSuspended = await anyone.GetAsync(fetch, Cancellation);
        var listedWhileSuspended = await anyone.GetFromJsonAsync<List<string>>("list", Cancellation);
        var reinstated = await admin.PostAsJsonAsync("members/brainport/reinstate", new MemberChange("Keys rotated."), FederationJson.Options, Cancellation);
        var afterReinstatement = await anyone.GetAsync(fetch, Cancellation);
        var removed = await admin.PostAsJsonAsync("members/brainport/remove", new MemberChange("Left the federation."), FederationJson.Options, Cancellation);
        var afterRemoval = await anyone.GetAsync(fetch, Cancellation);
        var readmitted = await admin.PutAsJsonAsync("members/brainport", Admission(), FederationJson.Options, Cancellation);
        var reinstatedAfterRemoval = await admin.PostAsJsonAsync("members/brainport/reinstate", new MemberChange("Try again."), FederationJson.Options, Cancellation);

        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, whileSuspended.StatusCode);
        Assert.Empty(listedWhileSuspended!);
        Assert.Equal(HttpStatusCode.OK, reinstated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterReinstatement.StatusCode);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterRemoval.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, readmitted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reinstatedAfterRemoval.StatusCode);
        Assert.Equal(["member.admitted", "member.suspended", "member.reinstated", "member.removed"], await AuditedAsync());
    }

    [Fact]
    public async Task Without_the_operators_secret_nothing_changes()
    {
        using var anyone = Host.CreateClient();
        using var wrong = Host.CreateAdminClient(secret: "not-the-secret-of-the-operators");

        var anonymous = await anyone.PutAsJsonAsync("members/brainport", Admission(), FederationJson.Options, Cancellation);
        var guessed = await wrong.PutAsJsonAsync("members/brainport", Admission(), FederationJson.Options, Cancellation);
        var listing = await wrong.GetAsync("members", Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, guessed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, listing.StatusCode);
        Assert.Empty(await AuditedAsync());
    }

    public static TheoryData<string, string> BadAdmissions => new()
    {
        { "a private key", "publicKeys" },
        { "no key", "publicKeys" },
        { "a key that is no PEM", "publicKeys" },
        { "an ftp issuer", "issuer" },
        { "an API with a query", "apiBaseUrl" },
        { "an unknown kind", "kind" },
        { "an empty name", "displayName" },
        { "an id with capitals", "memberId" },
    };

    [Theory]
    [MemberData(nameof(BadAdmissions))]
    public async Task A_bad_admission_is_refused_by_field_and_changes_nothing(string bad, string field)
    {
        using var admin = Host.CreateAdminClient();
        var admission = Admission();
        var (memberId, body) = bad switch
        {
            "a private key" => ("brainport", admission with { PublicKeys = [brainportKey.ToPem()] }),
            "no key" => ("brainport", admission with { PublicKeys = [] }),
            "a key that is no PEM" => ("brainport", admission with { PublicKeys = ["-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----"] }),
            "an ftp issuer" => ("brainport", admission with { Issuer = new Uri("ftp://brainport.hubs.test/") }),
            "an API with a query" => ("brainport", admission with { ApiBaseUrl = new Uri("https://brainport.hubs.test/?x=1") }),
            "an unknown kind" => ("brainport", admission with { Kind = "overlord" }),
            "an empty name" => ("brainport", admission with { DisplayName = " " }),
            _ => ("Brainport", admission),
        };

        var answer = await admin.PutAsJsonAsync($"members/{memberId}", body, FederationJson.Options, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        Assert.Empty(await AuditedAsync());
    }

    [Fact]
    public async Task A_member_cannot_take_another_members_issuer_or_entity_id()
    {
        using var admin = Host.CreateAdminClient();
        using var otherKey = FederationKey.Generate();
        await admin.PutAsJsonAsync("members/brainport", Admission(), FederationJson.Options, Cancellation);

        var sameIssuer = await admin.PutAsJsonAsync("members/rogue", Admission() with
        {
            EntityId = new Uri("https://rogue.hubs.test"), PublicKeys = [otherKey.ToPublicPem()],
        }, FederationJson.Options, Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, sameIssuer.StatusCode);
        Assert.Equal(["member.admitted"], await AuditedAsync());
    }

    [Fact]
    public async Task A_key_rollover_publishes_both_keys_then_only_the_new_one()
    {
        using var admin = Host.CreateAdminClient();
        using var anyone = Host.CreateClient();
        using var next = FederationKey.Generate();
        var fetch = $"fetch?sub={Uri.EscapeDataString(BrainportId.AbsoluteUri)}";

        await admin.PutAsJsonAsync("members/brainport", Admission() with { PublicKeys = [brainportKey.ToPublicPem(), next.ToPublicPem()] }, FederationJson.Options, Cancellation);
        var during = await TrustChains.VerifyAsync(Host.Anchor, await anyone.GetStringAsync(fetch, Cancellation), null, TimeProvider.System);
        await admin.PutAsJsonAsync("members/brainport", Admission() with { PublicKeys = [next.ToPublicPem()] }, FederationJson.Options, Cancellation);
        var after = await TrustChains.VerifyAsync(Host.Anchor, await anyone.GetStringAsync(fetch, Cancellation), null, TimeProvider.System);

        Assert.Equal(new[] { brainportKey.KeyId, next.KeyId }.Order(), during.Member!.Keys.Select(key => key.Kid).Order());
        Assert.Equal(next.KeyId, Assert.Single(after.Member!.Keys).Kid);
    }

    private MemberAdmission Admission() => new(
        BrainportId, "AI-hub Brainport", "hub", new Uri("https://brainport.hubs.test/"), new Uri("https://brainport.hubs.test/"), [brainportKey.ToPublicPem()]);

    private async Task<List<string>> AuditedAsync()
    {
        await using var connection = new NpgsqlConnection(LocalInfrastructure.ConnectionString(Host.Database));
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand("SELECT action FROM authority_audit ORDER BY id", connection);
        var actions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        while (await reader.ReadAsync(Cancellation))
        {
            actions.Add(reader.GetString(0));
        }

        return actions;
    }
}

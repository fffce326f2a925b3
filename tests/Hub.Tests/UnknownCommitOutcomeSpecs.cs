using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Clients.Hubs;
using Federation.Contracts.Serialization;
using Federation.Hub.Writes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Federation.Testing;
using Federation.Testing.Hosts;

namespace Federation.Hub.Tests;

/// <summary>
/// A change whose COMMIT did not answer (the PostgreSQL session ended during it) is answered 503 with Retry-After, and
/// the resource's grain reads the database again before its next command: a repeat of the change is then either
/// recognised as done (412: the version moved, and the resource shows the change) or applied on the true version.
/// A COMMIT the server refused (a serialization failure) is not an unknown outcome: the answer says nothing was
/// changed. Real PostgreSQL; the session is ended with pg_terminate_backend at the moment of commit.
/// </summary>
public sealed class UnknownCommitOutcomeSpecs : SpecsOnAFresh<HubHost>
{
    private CommitCutOff cutOff = null!;

    public override async ValueTask InitializeAsync()
    {
        Host = await HubHost.StartAsync(configureServices: services => services.Replace(ServiceDescriptor.Singleton<ICommitStep, CommitCutOff>()));
        cutOff = (CommitCutOff)Host.Services.GetRequiredService<ICommitStep>();
    }

    [Fact]
    public async Task A_commit_cut_off_before_it_reached_the_database_answers_503_and_the_repeat_applies_on_the_true_version()
    {
        using var staff = await Host.CreateClientAsync();

        var (id, now) = await UpdateCutOffAsync(staff, CommitCutOff.When.BeforeCommit);

        Assert.Equal(2, now.GetProperty("version").GetInt32());
        using var repeated = await UpdateAsync(staff, id, "Trillingsmetingen, herzien", ifMatch: 2);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal(3, (await repeated.ReadResourceAsync()).Version);
        Assert.Equal(2, await Host.CountAsync("hub_feed"));
    }

    [Fact]
    public async Task A_commit_whose_answer_was_lost_answers_503_and_the_repeat_is_recognised_as_done()
    {
        using var staff = await Host.CreateClientAsync();

        // The grain did not adopt version 3 when its commit failed, but it reads the database before the next call.
        var (id, now) = await UpdateCutOffAsync(staff, CommitCutOff.When.AfterCommit);

        Assert.Equal(3, now.GetProperty("version").GetInt32());
        Assert.Equal("Trillingsmetingen, herzien", now.GetProperty("title").GetString());
        using var repeated = await UpdateAsync(staff, id, "Trillingsmetingen, herzien", ifMatch: 2);
        Assert.Equal(HttpStatusCode.PreconditionFailed, repeated.StatusCode);
        using var next = await UpdateAsync(staff, id, "Trillingsmetingen, derde", ifMatch: 3);
        Assert.Equal(4, (await next.ReadResourceAsync()).Version);
        // Published, the lost-answer change, the next one: each version once in the feed.
        Assert.Equal(3, await Host.CountAsync("hub_feed"));
    }

    /// <summary>
    /// Publishes a resource (version 2), then changes its title with the commit cut off at <paramref name="when"/>: the
    /// change must be refused with 503 and Retry-After. The resource's id, and the resource as read afterwards.
    /// </summary>
    private async Task<(Guid Id, JsonElement Now)> UpdateCutOffAsync(HttpClient staff, CommitCutOff.When when)
    {
        var id = await PublishedAsync(staff);
        cutOff.ArmOnce(when);
        using var refused = await UpdateAsync(staff, id, "Trillingsmetingen, herzien", ifMatch: 2);
        await AssertTryAgainAsync(refused);
        return (id, await ReadAsync(staff, id));
    }

    [Fact]
    public async Task A_commit_the_server_refused_answers_503_saying_nothing_was_changed_and_the_repeat_applies()
    {
        using var staff = await Host.CreateClientAsync();
        var id = await PublishedAsync(staff);

        cutOff.ArmOnce(CommitCutOff.When.RefusedAtCommit);
        using var refused = await UpdateAsync(staff, id, "Trillingsmetingen, herzien", ifMatch: 2);

        // The server answered the COMMIT (serialization failure): it is known that nothing was written.
        var problem = await AssertTryAgainAsync(refused);
        Assert.Contains("Nothing was changed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, (await ReadAsync(staff, id)).GetProperty("version").GetInt32());
        using var repeated = await UpdateAsync(staff, id, "Trillingsmetingen, herzien", ifMatch: 2);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal(3, (await repeated.ReadResourceAsync()).Version);
        Assert.Equal(2, await Host.CountAsync("hub_feed"));
    }

    [Fact]
    public async Task In_the_unit_of_work_a_refused_commit_throws_the_servers_refusal_and_a_lost_answer_an_unknown_outcome()
    {
        var writes = Host.Services.GetRequiredService<HubWrites>();
        var cancellationToken = TestContext.Current.CancellationToken;

        await using (var work = await writes.BeginAsync(cancellationToken))
        {
            cutOff.ArmOnce(CommitCutOff.When.RefusedAtCommit);
            var refused = await Record.ExceptionAsync(() => work.CommitAsync(cancellationToken));
            Assert.Equal(PostgresErrorCodes.SerializationFailure, Assert.IsType<PostgresException>(refused).SqlState);
        }

        await using (var work = await writes.BeginAsync(cancellationToken))
        {
            cutOff.ArmOnce(CommitCutOff.When.AfterCommit);
            var lost = await Record.ExceptionAsync(() => work.CommitAsync(cancellationToken));
            Assert.IsType<IOException>(Assert.IsType<NpgsqlException>(Assert.IsType<CommitOutcomeUnknownException>(lost).InnerException).InnerException);
        }
    }

    private static async Task<Guid> PublishedAsync(HttpClient staff)
    {
        var client = new HubClient(staff);
        var draft = (await client.CreateResourceAsync(ResourceJson.Dataset(), TestContext.Current.CancellationToken)).EnsureSuccess();
        var published = await client.PublishAsync(draft.Id, version: null, TestContext.Current.CancellationToken);
        Assert.Equal(2, published.Value!.Version);
        return draft.Id;
    }

    // Sent over HTTP directly: the specs read the refusal's Retry-After, media type and JSON as the hub wrote them.
    private static Task<HttpResponseMessage> UpdateAsync(HttpClient staff, Guid id, string title, int ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/resources/{id}") { Content = JsonContent.Create(ResourceJson.Dataset(title), options: FederationJson.Options) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{ifMatch}\""));
        return staff.SendAsync(request);
    }

    private static async Task<JsonElement> AssertTryAgainAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        return problem;
    }

    private static async Task<JsonElement> ReadAsync(HttpClient staff, Guid id)
    {
        using var response = await staff.GetAsync($"/resources/{id}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

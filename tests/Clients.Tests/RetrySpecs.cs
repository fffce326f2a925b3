using System.Net;
using Federation.Clients.Hubs;
using Federation.Clients.Registration;
using Federation.Contracts.Hub;
using Microsoft.Extensions.DependencyInjection;
using Federation.Testing.Hosts;

namespace Federation.Clients.Tests;

/// <summary>
/// The registered client's resilience: a read that meets a passing 503 is tried again, a change is sent once (it might
/// have been done), and a change with an Idempotency-Key is tried again (the hub recognises the repeat). A 429 is one
/// caller's limit, not a sick hub: it is neither tried again nor counted towards opening the circuit, which would cut
/// every caller off from that hub. The breaker here opens after two failures out of two, so that a 429 counted as a
/// failure would show at once (the other specs meet at most one failure each, or only changes, which it never counts).
/// </summary>
public sealed class RetrySpecs : SpecsOnAFresh<ScriptedHub>
{
    private ServiceProvider services = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var collection = new ServiceCollection();
        collection.AddHubClient((_, http) => http.BaseAddress = Host.BaseAddress, resilience: options =>
        {
            options.CircuitBreaker.MinimumThroughput = 2;
            options.CircuitBreaker.FailureRatio = 0.5;
        });
        services = collection.BuildServiceProvider();
    }

    public override async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await base.DisposeAsync();
    }

    private HubClient Client => services.GetRequiredService<HubClient>();

    [Fact]
    public async Task A_read_is_retried_after_a_passing_503()
    {
        var id = Guid.NewGuid();
        Host.Then("GET", $"/resources/{id}/artifacts/", ScriptedHub.Status(503))
            .Then("GET", $"/resources/{id}/artifacts/", ScriptedHub.Json(200, "[]"));

        var files = await Client.ListArtifactsAsync(id, TestContext.Current.CancellationToken);

        Assert.True(files.Succeeded);
        Assert.Empty(files.Value!);
        Assert.Equal(2, Host.Hits("GET", $"/resources/{id}/artifacts/"));
    }

    [Fact]
    public async Task A_change_without_an_idempotency_key_is_sent_once()
    {
        Host.Then("POST", "/resources", ScriptedHub.Status(503))
            .Then("POST", "/resources", ScriptedHub.Json(201, "{}"));

        var created = await Client.CreateResourceAsync(new ResourceInput { Kind = "dataset", Title = "Once" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, created.Status);
        Assert.False(created.Succeeded);
        Assert.Equal(1, Host.Hits("POST", "/resources"));
    }

    [Fact]
    public async Task A_change_with_an_idempotency_key_is_retried_with_the_same_key()
    {
        var id = Guid.NewGuid();
        Host.Then("POST", "/resources", ScriptedHub.Status(503))
            .Then("POST", "/resources", ScriptedHub.Json(201, $$"""{"id":"{{id}}","kind":"dataset","title":"Twice","state":"draft","version":1}"""));

        var created = await Client.CreateResourceAsync(new ResourceInput { Kind = "dataset", Title = "Twice" }, TestContext.Current.CancellationToken,
            idempotencyKey: "import-42");

        Assert.True(created.Succeeded);
        Assert.Equal(id, created.Value!.Id);
        Assert.Equal(2, Host.Hits("POST", "/resources"));
        Assert.All(Host.Seen, seen => Assert.Equal("import-42", seen.IdempotencyKey));
    }

    [Fact]
    public async Task A_change_is_not_retried_after_a_lost_connection_either()
    {
        var id = Guid.NewGuid();
        Host.Then("POST", $"/resources/{id}/publish", context =>
        {
            context.Abort();
            return Task.CompletedTask;
        });

        await Assert.ThrowsAsync<HttpRequestException>(() => Client.PublishAsync(id, version: 1, TestContext.Current.CancellationToken));

        Assert.Equal(1, Host.Hits("POST", $"/resources/{id}/publish"));
    }

    [Fact]
    public async Task A_read_answered_429_is_not_tried_again()
    {
        var id = Guid.NewGuid();
        Host.Then("GET", $"/resources/{id}/artifacts/", ScriptedHub.Status(429))
            .Then("GET", $"/resources/{id}/artifacts/", ScriptedHub.Json(200, "[]"));

        var files = await Client.ListArtifactsAsync(id, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, files.Status);
        Assert.Equal(1, Host.Hits("GET", $"/resources/{id}/artifacts/"));
    }

    [Fact]
    public async Task Many_429s_do_not_open_the_circuit_to_the_hub()
    {
        var id = Guid.NewGuid();
        var path = $"/resources/{id}/artifacts/";
        for (var i = 0; i < 5; i++)
        {
            Host.Then("GET", path, ScriptedHub.Status(429));
        }

        Host.Then("GET", path, ScriptedHub.Json(200, "[]"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await Client.ListArtifactsAsync(id, TestContext.Current.CancellationToken)).Status);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 5), HttpStatusCode.OK], statuses);
        Assert.Equal(6, Host.Hits("GET", path));
    }
}

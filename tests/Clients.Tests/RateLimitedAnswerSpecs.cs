using System.Net;
using Federation.Clients.Hubs;
using Federation.Clients.Registration;
using Microsoft.Extensions.DependencyInjection;

namespace Federation.Clients.Tests;

/// <summary>
/// A 429 is one caller's limit at the hub, not a sick hub: the client neither tries the request again nor counts it
/// towards opening the circuit, which would cut every caller off from that hub. The breaker here opens after two
/// failures out of two, so that a 429 counted as a failure would show at once.
/// </summary>
public sealed class RateLimitedAnswerSpecs : IAsyncLifetime
{
    private ScriptedHub hub = null!;
    private ServiceProvider services = null!;

    public async ValueTask InitializeAsync()
    {
        hub = await ScriptedHub.StartAsync();
        var collection = new ServiceCollection();
        collection.AddHubClient((_, http) => http.BaseAddress = hub.BaseAddress, resilience: options =>
        {
            options.CircuitBreaker.MinimumThroughput = 2;
            options.CircuitBreaker.FailureRatio = 0.5;
        });
        services = collection.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await hub.DisposeAsync();
    }

    private HubClient Client => services.GetRequiredService<HubClient>();

    [Fact]
    public async Task A_read_answered_429_is_not_tried_again()
    {
        var id = Guid.NewGuid();
        hub.Then("GET", $"/resources/{id}/artifacts/", ScriptedHub.Status(429))
            .Then("GET", $"/resources/{id}/artifacts/", ScriptedHub.Json(200, "[]"));

        var files = await Client.ListArtifactsAsync(id, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, files.Status);
        Assert.Equal(1, hub.Hits("GET", $"/resources/{id}/artifacts/"));
    }

    [Fact]
    public async Task Many_429s_do_not_open_the_circuit_to_the_hub()
    {
        var id = Guid.NewGuid();
        var path = $"/resources/{id}/artifacts/";
        for (var i = 0; i < 5; i++)
        {
            hub.Then("GET", path, ScriptedHub.Status(429));
        }

        hub.Then("GET", path, ScriptedHub.Json(200, "[]"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await Client.ListArtifactsAsync(id, TestContext.Current.CancellationToken)).Status);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 5), HttpStatusCode.OK], statuses);
        Assert.Equal(6, hub.Hits("GET", path));
    }
}

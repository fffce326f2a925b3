using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Federation.Catalogue.Tests;

/// <summary>
/// Search is rate-limited per client address: over the limit, 429 with Retry-After and problem details. Only a
/// trusted proxy (the portal) may name the address behind it; anyone else's X-Forwarded-For changes nothing.
/// </summary>
public sealed class SearchRateLimitSpecs
{
    private static readonly Dictionary<string, string> ThreeAMinute = new()
    {
        ["RateLimits:Rules:search:PerIp"] = "3",
        ["RateLimits:Rules:search:Window"] = "00:01:00",
    };

    [Fact]
    public async Task A_fourth_search_in_the_window_is_told_when_to_come_back()
    {
        await using var catalogue = await CatalogueHost.StartAsync(ThreeAMinute);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await catalogue.Client.GetAsync($"/search?q=wind{i}")).StatusCode);
        }

        var refused = await catalogue.Client.GetAsync("/search?q=wind");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(429, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        // Only search is limited: the rest of the catalogue still answers this client.
        Assert.Equal(HttpStatusCode.OK, (await catalogue.Client.GetAsync("/hubs")).StatusCode);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_person_has_their_own_allowance()
    {
        await using var catalogue = await CatalogueHost.StartAsync(new Dictionary<string, string>(ThreeAMinute) { ["Proxy:TrustedNetworks:0"] = "127.0.0.1" });

        var first = await SearchesFromAsync(catalogue, "203.0.113.7", 4);
        var second = await SearchesFromAsync(catalogue, "203.0.113.8", 1);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        Assert.Equal([HttpStatusCode.OK], second);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.0/8")]
    public async Task An_IPv4_proxy_seen_through_a_dual_stack_socket_is_still_trusted(string trusted)
    {
        // A server listening on [::] sees the IPv4 proxy as ::ffff:127.0.0.1; it is the same proxy.
        await using var catalogue = await CatalogueHost.StartAsync(
            new Dictionary<string, string>(ThreeAMinute) { ["Proxy:TrustedNetworks:0"] = trusted }, IPAddress.Loopback.MapToIPv6());

        var first = await SearchesFromAsync(catalogue, "203.0.113.7", 4);
        var second = await SearchesFromAsync(catalogue, "203.0.113.8", 1);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        Assert.Equal([HttpStatusCode.OK], second);
    }

    [Fact]
    public void A_service_still_configured_with_the_retired_RateLimits_TrustedProxies_refuses_to_start_and_names_the_new_key()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration["RateLimits:TrustedProxies:0"] = "10.0.0.0/8";
        var app = builder.Build();

        var refused = Assert.Throws<InvalidOperationException>(() => app.UseTrustedProxies());

        Assert.Contains("RateLimits:TrustedProxies", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Proxy:TrustedNetworks", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_trust_a_forwarded_address_is_ignored_and_buys_no_allowance()
    {
        await using var catalogue = await CatalogueHost.StartAsync(ThreeAMinute);

        var spoofed = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            spoofed.AddRange(await SearchesFromAsync(catalogue, $"203.0.113.{i + 10}", 1));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], spoofed);
    }

    [Fact]
    public async Task A_caller_outside_the_trusted_networks_cannot_name_another_address()
    {
        // A list is configured, but the caller (loopback) is not on it: its header must be ignored, not believed
        // because the middleware's lists happened to be empty.
        await using var catalogue = await CatalogueHost.StartAsync(new Dictionary<string, string>(ThreeAMinute) { ["Proxy:TrustedNetworks:0"] = "10.0.0.0/8" });

        var spoofed = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            spoofed.AddRange(await SearchesFromAsync(catalogue, $"203.0.113.{i + 20}", 1));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], spoofed);
    }

    private static async Task<List<HttpStatusCode>> SearchesFromAsync(CatalogueHost catalogue, string forwardedFor, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/search?q=zon{i}");
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await catalogue.Client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}

using System.Net;
using Federation.Clients.Hubs;
using Federation.Contracts.Hub;
using Federation.Testing.Hosts;

namespace Federation.Clients.Tests;

/// <summary>What a typed client makes of a hub's answers: problem details read whole, a 204 as success, the headers it sends.</summary>
public sealed class ClientResultSpecs : SpecsOnAFresh<ScriptedHub>
{
    [Fact]
    public async Task A_refusal_is_read_into_its_status_title_detail_field_errors_and_extensions()
    {
        var id = Guid.NewGuid();
        Host.Then("PUT", $"/resources/{id}", ScriptedHub.Json(412, """
            {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.13","title":"The resource has changed","status":412,
             "detail":"Version 7 is current.","currentVersion":7,"errors":{"title":["'title' is required."],"licence":["Unknown licence.","Use SPDX."]}}
            """));
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };

        var result = await new HubClient(http).UpdateResourceAsync(id, new ResourceInput { Kind = "dataset" }, version: 6, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal(HttpStatusCode.PreconditionFailed, result.Status);
        Assert.Null(result.Value);
        var problem = result.Problem!;
        Assert.Equal(412, problem.Status);
        Assert.Equal("The resource has changed", problem.Title);
        Assert.Equal("Version 7 is current.", result.Detail);
        Assert.Equal(["'title' is required."], result.Errors["title"]);
        Assert.Equal("Unknown licence. Use SPDX.", result.ErrorOf("licence"));
        Assert.Equal(7, problem.Extension<int>("currentVersion"));
        Assert.Contains("licence: Use SPDX.", problem.Reasons());
        Assert.Equal("\"6\"", Host.Seen.Single().IfMatch);
    }

    [Fact]
    public async Task A_refusal_without_problem_details_still_gives_its_status()
    {
        Host.Then("GET", "/resources", ScriptedHub.Status(502));
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };

        var result = await new HubClient(http).ListResourcesAsync(TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal(502, result.Problem!.Status);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public async Task A_204_is_success_whatever_the_value_type()
    {
        var notification = Guid.NewGuid();
        var grant = Guid.NewGuid();
        Host.Then("POST", $"/me/notifications/{notification}/read", ScriptedHub.Status(204))
            .Then("POST", $"/grants/{grant}/revoke", ScriptedHub.Status(204));
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        var client = new HubClient(http);

        var read = await client.MarkNotificationReadAsync(notification, TestContext.Current.CancellationToken);
        var revoked = await client.RevokeGrantAsync(grant, new RevocationInput("Ended."), TestContext.Current.CancellationToken);

        Assert.True(read.Succeeded);
        Assert.True(revoked.Succeeded);
        Assert.Null(revoked.Value);
        Assert.Equal(HttpStatusCode.NoContent, revoked.Status);
    }

    [Fact]
    public async Task A_success_is_read_as_the_contract_with_the_version_the_hub_gave()
    {
        var id = Guid.NewGuid();
        Host.Then("GET", "/", context =>
        {
            context.Response.Headers.ETag = "\"3\"";
            return ScriptedHub.Json(200, $$"""
                {"id":"brainport","displayName":"Brainport","apiBaseUrl":"http://hub.example/","feedId":"{{id}}","lastSequence":4,
                 "publishedThrough":4,"resourcesKnownToFederation":2,"digest":null,"activeSilos":1}
                """)(context);
        });
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };

        var info = await new HubClient(http, _ => ValueTask.FromResult<string?>("token-1")).InfoAsync(TestContext.Current.CancellationToken);

        Assert.True(info.Succeeded);
        Assert.Equal("Brainport", info.Value!.DisplayName);
        Assert.Equal(id, info.Value.FeedId);
        Assert.Equal("\"3\"", info.ETag);
        Assert.Equal("Bearer token-1", Host.Seen.Single().Authorization);
    }
}

using Federation.Clients.OAuth;
using Federation.Testing.Hosts;

namespace Federation.Clients.Tests;

/// <summary>
/// A token endpoint's refusal becomes an exception whose message says the status, the OAuth error and its
/// description, and nothing else of the body: messages are logged, and an error body may echo what was sent.
/// </summary>
public sealed class TokenRefusalSpecs : SpecsOnAFresh<ScriptedHub>
{
    [Fact]
    public async Task The_message_holds_the_error_and_its_description_but_not_what_the_body_echoes()
    {
        Host.Then("POST", "/connect/token", ScriptedHub.Json(401,
            """{"error":"invalid_client","error_description":"The client credentials are wrong.","client_secret":"s3cr3t-echoed"}"""));

        var refused = await RefusedAsync();

        Assert.Equal("The token endpoint answered 401: invalid_client (The client credentials are wrong.).", refused.Message);
        Assert.Contains("s3cr3t-echoed", refused.Refusal.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_no_OAuth_error_is_left_out_of_the_message()
    {
        Host.Then("POST", "/connect/token", ScriptedHub.Json(502, "<html>upstream said: client_secret=s3cr3t-echoed</html>"));

        var refused = await RefusedAsync();

        Assert.Equal("The token endpoint answered 502 without an OAuth error.", refused.Message);
    }

    private async Task<OAuthTokenRefusedException> RefusedAsync()
    {
        using var http = new HttpClient();
        var client = new OAuthClient(http, OAuthEndpoints.OfHub(Host.BaseAddress), "staff", "s3cr3t-echoed");
        var answer = await client.ClientCredentialsAsync(cancellationToken: TestContext.Current.CancellationToken);
        return Assert.Throws<OAuthTokenRefusedException>(() => answer.EnsureIssued());
    }
}

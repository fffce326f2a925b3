using Federation.Testing;
using static Federation.Testing.FederatedSignIn;

namespace Federation.IntegrationTests;

/// <summary>
/// Secrets never reach a log: after passwords (right and wrong), client secrets and every kind of token have gone
/// through the hubs, no log of any hub or of the catalogue holds one of them, nor the database or broker password.
/// </summary>
public sealed class SecretLeakSpecs(FederationFixture federation) : FederationSpecs(federation)
{
    [Fact]
    public async Task No_password_client_secret_or_token_appears_in_any_service_log()
    {
        var noord = Hub("noord-nederland");
        var brainport = Hub("brainport");
        var wrongPassword = $"wrong-{Guid.NewGuid():N}";
        using (var browser = HubSignIn.BrowserLikeClient(noord.BaseUrl))
        {
            await Assert.ThrowsAsync<SignInRefusedException>(() => HubSignIn.SignInAsync(browser, "researcher", wrongPassword));
        }

        var home = await AtHomeAsync(noord, "researcher");
        var guest = await GuestTokenAsync(noord, brainport, home.AccessToken);
        using var withRefresh = HubSignIn.BrowserLikeClient(brainport.BaseUrl);
        var staff = await HubSignIn.SignInAsync(withRefresh, "staff", LocalInfrastructure.DemoPassword);
        var refreshed = await HubSignIn.RefreshAsync(withRefresh, staff.RefreshToken!);
        var service = await HubSignIn.ClientCredentialsAsync(brainport.Http, LocalInfrastructure.ServiceClientId, LocalInfrastructure.ServiceClientSecret);
        await Assert.ThrowsAsync<TokenRefusedException>(() =>
            HubSignIn.ClientCredentialsAsync(brainport.Http, LocalInfrastructure.ServiceClientId, wrongPassword));
        await brainport.HubClient(guest.AccessToken).ListResourcesAsync(TestContext.Current.CancellationToken, pageSize: 1);

        // The last thing done is logged; once it is in the log, so is everything before it.
        var marker = $"Logged last {FederationClient.Unique("geheim")}";
        await brainport.PublishNewAsync(marker);
        await Eventually.Until(brainport.ReadLogAsync, lines => lines.Any(line => line.Contains("published at version 2", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), "the last publish to be logged");
        await Task.Delay(TimeSpan.FromSeconds(1));

        var secrets = new Dictionary<string, string?>
        {
            ["demo password"] = LocalInfrastructure.DemoPassword,
            ["wrong password"] = wrongPassword,
            ["client secret"] = LocalInfrastructure.ServiceClientSecret,
            ["database password"] = LocalInfrastructure.DatabasePassword,
            ["broker password"] = LocalInfrastructure.BrokerPassword,
            ["home access token"] = home.AccessToken,
            ["guest token"] = guest.AccessToken,
            ["staff refresh token"] = staff.RefreshToken,
            ["refreshed access token"] = refreshed.AccessToken,
            ["service token"] = service.AccessToken,
        };
        foreach (var process in Fixture.Hubs.Values.Append(Catalogue))
        {
            var log = string.Join('\n', await process.ReadLogAsync());
            Assert.False(string.IsNullOrEmpty(log), $"{process.Name} wrote no log at all");
            foreach (var (what, secret) in secrets)
            {
                Assert.False(string.IsNullOrEmpty(secret), $"the test holds no {what}");
                Assert.False(log.Contains(secret, StringComparison.Ordinal), $"the {what} is in the log of {process.Name}");
            }
        }
    }
}

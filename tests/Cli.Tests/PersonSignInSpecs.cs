using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Federation.Testing;

namespace Federation.Cli.Tests;

/// <summary>
/// A member of staff signs in as themselves, in the browser at their hub (code + PKCE to the loopback listener),
/// instead of using the hub's shared staff client: later commands act as them, the session is refreshed when due
/// and kept in a file only they can read, and signing out revokes it at the hub.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class PersonSignInSpecs(HubFixture fixture)
{
    [Fact]
    public async Task Staff_sign_in_in_the_browser_act_as_themselves_are_refreshed_and_sign_out()
    {
        var folder = Directory.CreateTempSubdirectory("federation-cli-");
        var staffSecret = Environment.GetEnvironmentVariable("FEDERATION_CLIENT_SECRET");
        Environment.SetEnvironmentVariable("FEDERATION_CONFIG_DIR", folder.FullName);
        Environment.SetEnvironmentVariable("FEDERATION_CLIENT_SECRET", null);
        try
        {
            var notYet = await CliRun.Of(fixture, "resources", "list");
            Assert.Equal(1, notYet.ExitCode);
            Assert.Contains("federation sign-in", notYet.Output, StringComparison.Ordinal);

            // The "browser": the hub's own sign-in form, then the redirect to the command line's loopback listener.
            using var browser = HubSignIn.BrowserLikeClient(fixture.Hub.BaseUrl);
            var loopbackAnswer = new TaskCompletionSource<HttpStatusCode>(TaskCreationOptions.RunContinuationsAsynchronously);
            var signIn = await CliRun.AtHub(fixture, address => _ = Task.Run(async () =>
            {
                try
                {
                    var callback = await HubSignIn.AuthorizeAsync(browser, address.AbsoluteUri, "staff", LocalInfrastructure.DemoPassword);
                    Assert.Equal("127.0.0.1:7890", callback.Authority);
                    using var loopback = new HttpClient();
                    loopbackAnswer.SetResult((await loopback.GetAsync(callback)).StatusCode);
                }
                catch (Exception exception)
                {
                    loopbackAnswer.SetException(exception);
                }
            }), "sign-in");
            Assert.True(signIn.ExitCode == 0, signIn.Output);
            Assert.Equal(HttpStatusCode.OK, await loopbackAnswer.Task);
            Assert.Contains("Signed in at", signIn.Output, StringComparison.Ordinal);

            var sessionFile = Assert.Single(Directory.GetFiles(folder.FullName, "session-*.json"));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(sessionFile));
            }

            var listed = await CliRun.Of(fixture, "resources", "list");
            Assert.True(listed.ExitCode == 0, listed.Output);

            // An access token about to expire is refreshed at the hub before the command runs, and the file rewritten.
            var session = JsonNode.Parse(await File.ReadAllTextAsync(sessionFile))!.AsObject();
            var firstAccessToken = session["accessToken"]!.GetValue<string>();
            var refreshToken = session["refreshToken"]!.GetValue<string>();
            session["expiresAt"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
            await File.WriteAllTextAsync(sessionFile, session.ToJsonString());
            var afterRefresh = await CliRun.Of(fixture, "resources", "list");
            Assert.True(afterRefresh.ExitCode == 0, afterRefresh.Output);
            var renewed = JsonDocument.Parse(await File.ReadAllTextAsync(sessionFile)).RootElement;
            Assert.NotEqual(firstAccessToken, renewed.GetProperty("accessToken").GetString());
            Assert.True(renewed.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);

            var signOut = await CliRun.AtHub(fixture, null, "sign-out");
            Assert.Equal(0, signOut.ExitCode);
            Assert.False(File.Exists(sessionFile));
            await Assert.ThrowsAsync<TokenRefusedException>(() => HubSignIn.RefreshAsync(browser, renewed.GetProperty("refreshToken").GetString()!));
            Assert.NotEqual(refreshToken, renewed.GetProperty("refreshToken").GetString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("FEDERATION_CLIENT_SECRET", staffSecret);
            Environment.SetEnvironmentVariable("FEDERATION_CONFIG_DIR", null);
            folder.Delete(recursive: true);
        }
    }
}

using System.Net;
using System.Text;

namespace Federation.Cli.Tests;

/// <summary>
/// The command line calls hubs with the federation's resilience, as the portal does: a read that meets a passing 503
/// is tried again, a change is sent once. The hub here is a handler that answers as scripted.
/// </summary>
/// <remarks>In the hub collection only because its specs change FEDERATION_CLIENT_SECRET, which these need set.</remarks>
[Collection(HubCollection.Name)]
public sealed class ResilienceSpecs
{
    private static readonly Uri Hub = new("http://flaky-hub.test/");

    [Fact]
    public async Task A_list_that_meets_a_passing_503_is_tried_again_and_succeeds()
    {
        using var hub = new FlakyHub(HttpMethod.Get, "/resources", """{"total":0,"page":1,"pageSize":200,"items":[]}""");

        var run = await CliRun.Through(hub, Hub, "resources", "list");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(2, hub.Calls);
    }

    [Fact]
    public async Task A_publish_that_meets_a_503_is_sent_once()
    {
        var id = Guid.NewGuid();
        using var hub = new FlakyHub(HttpMethod.Post, $"/resources/{id}/publish", "{}");

        var run = await CliRun.Through(hub, Hub, "resources", "publish", id.ToString());

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(1, hub.Calls);
    }

    /// <summary>Issues a staff token; answers the first call of <c>method path</c> 503 and later ones with <c>body</c>.</summary>
    private sealed class FlakyHub(HttpMethod method, string path, string body) : HttpMessageHandler
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var at = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Post && at == "/connect/token")
            {
                return Task.FromResult(Json("""{"access_token":"staff-token","token_type":"Bearer","expires_in":300}"""));
            }

            if (request.Method == method && at == path)
            {
                return Task.FromResult(Interlocked.Increment(ref calls) == 1 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) : Json(body));
            }

            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
        }

        private static HttpResponseMessage Json(string json) =>
            new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}

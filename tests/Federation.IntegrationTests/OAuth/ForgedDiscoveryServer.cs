using System.Net;
using System.Text;
using Federation.Testing;

namespace Federation.IntegrationTests.OAuth;

/// <summary>
/// A tiny OpenID provider look-alike on a loopback port of its own: it serves the discovery document a spec hands it
/// (which may point the keys elsewhere) and, at <c>/jwks</c>, a key set the spec hands it.
/// </summary>
internal sealed class ForgedDiscoveryServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task serving;

    public ForgedDiscoveryServer()
    {
        Issuer = new Uri($"http://127.0.0.1:{FreePorts.Next()}/");
        listener.Prefixes.Add(Issuer.AbsoluteUri);
        listener.Start();
        serving = ServeAsync();
    }

    public Uri Issuer { get; }

    public Uri OwnKeys => new(Issuer, "jwks");

    public string DiscoveryDocument { get; set; } = "{}";

    public string KeySet { get; set; } = """{"keys":[]}""";

    /// <summary>A discovery document for <paramref name="issuer"/> whose keys are at <paramref name="jwksUri"/>.</summary>
    public static string Document(Uri issuer, Uri jwksUri) => $$"""
        {
          "issuer": "{{issuer.AbsoluteUri}}",
          "authorization_endpoint": "{{new Uri(issuer, "connect/authorize").AbsoluteUri}}",
          "token_endpoint": "{{new Uri(issuer, "connect/token").AbsoluteUri}}",
          "jwks_uri": "{{jwksUri.AbsoluteUri}}"
        }
        """;

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().WaitAsync(stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var body = context.Request.Url?.AbsolutePath switch
            {
                "/.well-known/openid-configuration" => DiscoveryDocument,
                "/jwks" => KeySet,
                _ => null,
            };
            context.Response.StatusCode = body is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(body ?? "{}");
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        listener.Close();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopped while answering: nothing left to serve.
        }

        stopping.Dispose();
    }
}

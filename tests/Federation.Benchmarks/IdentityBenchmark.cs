using Federation.Contracts.Hub;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Federation.Clients.Hubs;
using Federation.Testing;

namespace Federation.Benchmarks;

/// <summary>
/// The figures of federated identity: token issuance (client credentials, exchange), the cost of an authorised
/// cross-hub call against an anonymous one on the same endpoint, and a large download through the owning hub
/// against reading the same file from disk.
/// </summary>
internal static class IdentityBenchmark
{
    private const int Concurrency = 8;

    public static async Task RunAsync(LocalFederation federation, int tokens, TimeSpan callWindow, long downloadBytes)
    {
        var invariant = CultureInfo.InvariantCulture;
        var brainport = federation.Hubs["brainport"];
        var noord = federation.Hubs["noord-nederland"];
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = brainport.BaseUrl, Timeout = TimeSpan.FromMinutes(10) };
        using var homeHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = noord.BaseUrl, Timeout = TimeSpan.FromMinutes(10) };

        Console.WriteLine($"Token issuance, {tokens} each …");
        var credentials = await LoadRun.CountAsync(tokens, Concurrency, async () =>
            await HubSignIn.ClientCredentialsAsync(http, LocalInfrastructure.ServiceClientId, LocalInfrastructure.ServiceClientSecret));
        var home = await FederatedSignIn.AtHomeAsync(noord, "researcher");
        var guest = await FederatedSignIn.GuestTokenAsync(noord, brainport, home.AccessToken);
        var exchange = await LoadRun.CountAsync(tokens, Concurrency, async () => await HubSignIn.ExchangeAsync(homeHttp, http, "brainport", home.AccessToken));

        Console.WriteLine("Authorised against anonymous, same endpoint …");
        var resource = await PublishOpenDatasetAsync(brainport);
        await UploadAsync(brainport, resource, new MemoryStream(RandomNumberGenerator.GetBytes(1024)), 1024);
        var anonymousClient = new HubClient(http);
        var guestClient = anonymousClient.WithAccessToken(guest.AccessToken);
        var anonymousRuns = new List<double>();
        var authorisedRuns = new List<double>();
        var authorisedLatency = new List<double>();
        var anonymousLatency = new List<double>();
        // A first round of each warms both paths up (JIT tiering, connection pools) and is not counted. Then
        // alternating windows, so that whatever else the shared machine does falls on both sides alike.
        await LoadRun.ForAsync(callWindow, Concurrency, () => ListArtifactsAsync(anonymousClient, resource));
        await LoadRun.ForAsync(callWindow, Concurrency, () => ListArtifactsAsync(guestClient, resource));
        for (var round = 0; round < 3; round++)
        {
            var anonymous = await LoadRun.ForAsync(callWindow, Concurrency, () => ListArtifactsAsync(anonymousClient, resource));
            var authorised = await LoadRun.ForAsync(callWindow, Concurrency, () => ListArtifactsAsync(guestClient, resource));
            anonymousRuns.Add(anonymous.PerSecond);
            authorisedRuns.Add(authorised.PerSecond);
            anonymousLatency.Add(anonymous.LatencyMs.Percentile(99));
            authorisedLatency.Add(authorised.LatencyMs.Percentile(99));
        }

        Console.WriteLine($"Download of {downloadBytes / (1024 * 1024)} MiB …");
        var source = Path.Combine(Path.GetTempPath(), $"federation-bench-{Guid.NewGuid():N}.bin");
        try
        {
            await WriteRandomFileAsync(source, downloadBytes);
            var big = await PublishOpenDatasetAsync(brainport);
            await using (var file = File.OpenRead(source))
            {
                var artifactId = await UploadAsync(brainport, big, file, downloadBytes);
                var direct = await ReadAllAsync(() => Task.FromResult<Stream>(File.OpenRead(source)));
                var through = await ReadAllAsync(async () =>
                {
                    var response = await guestClient.OpenArtifactAsync(big, artifactId, CancellationToken.None).EnsureSuccessAsync();
                    return await response.Content.ReadAsStreamAsync();
                });
                var directAgain = await ReadAllAsync(() => Task.FromResult<Stream>(File.OpenRead(source)));

                Console.WriteLine();
                Console.WriteLine("| measure | result | target |");
                Console.WriteLine("| --- | --- | --- |");
                Console.WriteLine(string.Create(invariant, $"| token issuance, client credentials ({tokens} tokens, {Concurrency} concurrent) | {credentials.PerSecond:F0} tokens/s · p50 {credentials.LatencyMs.Percentile(50):F1} ms · p99 {credentials.LatencyMs.Percentile(99):F1} ms | |"));
                Console.WriteLine(string.Create(invariant, $"| guest token: home hub's token for the target, exchanged there ({tokens}, {Concurrency} concurrent) | {exchange.PerSecond:F0} tokens/s · p50 {exchange.LatencyMs.Percentile(50):F1} ms · p99 {exchange.LatencyMs.Percentile(99):F1} ms | |"));
                var anonymousRate = anonymousRuns.Average();
                var authorisedRate = authorisedRuns.Average();
                Console.WriteLine(string.Create(invariant, $"| GET {{resource}}/artifacts, anonymous (3 × {callWindow.TotalSeconds:F0} s, {Concurrency} concurrent) | {anonymousRate:F0} req/s (runs {string.Join(" / ", anonymousRuns.Select(r => r.ToString("F0", invariant)))}) · p99 {anonymousLatency.Max():F1} ms | |"));
                Console.WriteLine(string.Create(invariant, $"| same, with a guest token (validated, claims read, policy evaluated) | {authorisedRate:F0} req/s (runs {string.Join(" / ", authorisedRuns.Select(r => r.ToString("F0", invariant)))}) · p99 {authorisedLatency.Max():F1} ms · {1 - authorisedRate / anonymousRate:P1} slower | ≤ 10 % slower |"));
                Console.WriteLine(string.Create(invariant, $"| download of {downloadBytes / (1024 * 1024)} MiB through the hub (guest token, policy check, audit, SHA-256 header) | {through:F0} MiB/s | |"));
                Console.WriteLine(string.Create(invariant, $"| baseline: the same file read from disk with a FileStream (before / after) | {direct:F0} / {directAgain:F0} MiB/s | |"));
            }
        }
        finally
        {
            File.Delete(source);
        }
    }

    private static async Task ListArtifactsAsync(HubClient client, Guid resource)
    {
        var answer = await client.ListArtifactsAsync(resource, CancellationToken.None);
        if (answer.Status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET resources/{resource}/artifacts answered {(int)answer.Status}");
        }
    }

    private static async Task<double> ReadAllAsync(Func<Task<Stream>> open)
    {
        var buffer = new byte[1 << 20];
        var stopwatch = Stopwatch.StartNew();
        long total = 0;
        await using (var stream = await open())
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                total += read;
            }
        }

        return total / (1024.0 * 1024.0) / stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task WriteRandomFileAsync(string path, long bytes)
    {
        var block = RandomNumberGenerator.GetBytes(1 << 20);
        await using var file = File.Create(path);
        for (long written = 0; written < bytes; written += block.Length)
        {
            await file.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, bytes - written)));
        }
    }

    private static async Task<Guid> PublishOpenDatasetAsync(ServiceProcess hub)
    {
        var staff = hub.StaffClient();
        var created = await staff.CreateResourceAsync(new ResourceInput
        {
            Kind = "dataset", Title = $"Benchmark files {Guid.NewGuid():N}", Licence = "CC-BY-4.0", AccessPolicy = "open", Publisher = "Benchmark",
        }, CancellationToken.None).EnsureSuccessAsync();
        await staff.PublishAsync(created.Id, version: null, CancellationToken.None).EnsureSuccessAsync();
        return created.Id;
    }

    internal static async Task<Guid> UploadAsync(ServiceProcess hub, Guid resource, Stream content, long length)
    {
        // A client of its own: a file of a gigabyte takes longer than the process's client waits.
        using var http = new HttpClient { BaseAddress = hub.BaseUrl, Timeout = TimeSpan.FromMinutes(10) };
        var uploaded = await hub.StaffClient(http).UploadArtifactAsync(resource, "data.bin", content, "application/octet-stream", length, CancellationToken.None)
            .EnsureSuccessAsync();
        return uploaded.Id;
    }
}

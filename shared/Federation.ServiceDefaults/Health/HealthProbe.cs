namespace Federation.ServiceDefaults.Health;

/// <summary>
/// <c>dotnet Federation.Hub.dll --probe [url]</c> asks the service running beside it whether it is ready and exits 0
/// (yes) or 1 (no answer, or not ready). It is the containers' HEALTHCHECK: the runtime images have no curl, and a
/// probe that is part of the service cannot drift from the endpoints the service maps.
/// </summary>
public static class HealthProbe
{
    public const string Argument = "--probe";

    /// <summary>Runs the probe and ends the process when it was asked for; otherwise returns and the service starts.</summary>
    public static void RunIfRequested(string[] args)
    {
        if (args is not [Argument, ..])
        {
            return;
        }

        Environment.Exit(Probe(args.Length > 1 ? args[1] : DefaultUrl()) ? 0 : 1);
    }

    // The port the container listens on (ASPNETCORE_HTTP_PORTS, 8080 in the .NET images), on loopback.
    private static string DefaultUrl()
    {
        var port = (Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS") ?? "8080").Split(';', ',')[0].Trim();
        return $"http://127.0.0.1:{port}/health/ready";
    }

    private static bool Probe(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = http.GetAsync(url).GetAwaiter().GetResult();
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or UriFormatException or InvalidOperationException)
        {
            Console.Error.WriteLine($"Not ready: {url}: {exception.Message}");
            return false;
        }
    }
}

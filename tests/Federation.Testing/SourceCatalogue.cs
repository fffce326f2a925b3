using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Federation.Testing;

/// <summary>
/// A catalogue to harvest, on this machine: serves the pages a spec gives it (any path, any media type) and can answer
/// with an error status or answer slowly, page by page, as real portals sometimes do. Counts the requests per page.
/// </summary>
public sealed class SourceCatalogue : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, Page> pages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> requests = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task serving;

    private SourceCatalogue(int port)
    {
        BaseUrl = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(BaseUrl);
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    /// <summary>Ends with '/'.</summary>
    public string BaseUrl { get; }

    public static SourceCatalogue Start() => new(FreePorts.Next());

    public string Url(string path) => BaseUrl + path.TrimStart('/');

    /// <summary>Serves <paramref name="body"/> at the path (and query) from now on.</summary>
    public void Serve(string path, string body, string mediaType, HttpStatusCode status = HttpStatusCode.OK, TimeSpan delay = default) =>
        pages[Key(path)] = new Page(body, mediaType, status, delay);

    public void Remove(string path) => pages.TryRemove(Key(path), out _);

    public int RequestsFor(string path) => requests.GetValueOrDefault(Key(path));

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        listener.Close();
        try
        {
            await serving;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // stopped
        }

        stopping.Dispose();
    }

    private static string Key(string path) => "/" + path.TrimStart('/');

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var key = context.Request.Url!.PathAndQuery;
        requests.AddOrUpdate(key, 1, (_, n) => n + 1);
        try
        {
            if (!pages.TryGetValue(key, out var page))
            {
                context.Response.StatusCode = 404;
                return;
            }

            if (page.Delay > TimeSpan.Zero)
            {
                await Task.Delay(page.Delay, stopping.Token);
            }

            context.Response.StatusCode = (int)page.Status;
            context.Response.ContentType = page.MediaType;
            var bytes = Encoding.UTF8.GetBytes(page.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, stopping.Token);
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // the harvester gave up on a slow page, or the server stops
        }
        finally
        {
            try
            {
                context.Response.Close();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // already gone
            }
        }
    }

    private sealed record Page(string Body, string MediaType, HttpStatusCode Status, TimeSpan Delay);
}

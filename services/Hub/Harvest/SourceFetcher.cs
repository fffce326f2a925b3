using System.Net.Http.Headers;
using System.Text;
using Federation.Rdf;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Harvest;

/// <summary>
/// Reads one page of a source: asks for the RDF syntaxes the hub reads, refuses what is not one of them, too large,
/// too slow or not RDF, and reads the page against its own address. Every failure is a <see cref="HarvestFailure"/>
/// that says what went wrong at which page, for the run's report.
/// </summary>
public sealed class SourceFetcher(IHttpClientFactory clients, IOptions<HarvestOptions> options)
{
    public const string HttpClientName = "harvest";

    public async Task<SourcePage> FetchAsync(string url, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.PageTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("text/turtle");
            request.Headers.Accept.ParseAdd("application/ld+json");
            request.Headers.Accept.ParseAdd("application/rdf+xml;q=0.9");
            request.Headers.Accept.ParseAdd("*/*;q=0.1");
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new HarvestFailure(url, $"the source answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var text = await ReadAsync(response, url, deadline.Token);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var syntax = RdfSyntaxes.FromMediaType(mediaType) ?? RdfSyntaxes.Sniff(text);
            var pageUrl = response.RequestMessage?.RequestUri?.AbsoluteUri ?? url; // after redirects, the page's own address
            RdfGraph graph;
            try
            {
                graph = syntax.Read(text, pageUrl);
            }
            catch (FormatException exception)
            {
                throw new HarvestFailure(url, $"the page is not valid {syntax switch { RdfSyntax.Turtle => "Turtle", RdfSyntax.JsonLd => "JSON-LD", _ => "RDF/XML" }}: {exception.Message}");
            }

            return new SourcePage(pageUrl, graph, HydraPaging.Next(graph, pageUrl), HydraPaging.TotalItems(graph));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HarvestFailure(url, $"the page did not arrive within {options.Value.PageTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException exception)
        {
            throw new HarvestFailure(url, $"the source could not be reached: {exception.Message}");
        }
    }

    // The body as UTF-8 text (or the charset the server names), refused past the size limit while it arrives.
    private async Task<string> ReadAsync(HttpResponseMessage response, string url, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxPageBytes;
        if (response.Content.Headers.ContentLength > limit)
        {
            throw new HarvestFailure(url, $"the page is {response.Content.Headers.ContentLength} bytes; at most {limit} are read");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                throw new HarvestFailure(url, $"the page is larger than the {limit} bytes that are read");
            }
        }

        var encoding = Encoding.UTF8;
        if (response.Content.Headers.ContentType?.CharSet is { Length: > 0 } charset)
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                throw new HarvestFailure(url, $"the page's character set '{charset}' is unknown");
            }
        }

        return encoding.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
    }
}

/// <summary>A page of a source that could not be read, and why.</summary>
public sealed class HarvestFailure(string url, string reason) : Exception($"{url}: {reason}")
{
    public string Url { get; } = url;

    public string Reason { get; } = reason;
}

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
public sealed partial class SourceFetcher(IHttpClientFactory clients, IOptions<HarvestOptions> options)
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

        return Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), response.Content.Headers.ContentType?.CharSet, url);
    }

    static SourceFetcher() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    // The page's text: in the character set the server names; else UTF-8 (with or without its byte order mark) when
    // the bytes are UTF-8; else the encoding an XML declaration names; else Windows-1252, which is what a page of Western
    // European text that is not UTF-8 nearly always is. Never decoded with silent replacement characters.
    private static string Decode(ReadOnlySpan<byte> bytes, string? charset, string url)
    {
        if (charset is { Length: > 0 })
        {
            try
            {
                return Strict(Encoding.GetEncoding(charset.Trim('"'))).GetString(bytes).TrimStart('\uFEFF');
            }
            catch (DecoderFallbackException)
            {
                throw new HarvestFailure(url, $"the page is not valid {charset}, as its server says it is");
            }
            catch (ArgumentException)
            {
                throw new HarvestFailure(url, $"the page's character set '{charset}' is unknown");
            }
        }

        try
        {
            return Strict(Encoding.UTF8).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            var head = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 200)]);
            var declared = XmlEncoding().Match(head);
            try
            {
                return (declared.Success ? Encoding.GetEncoding(declared.Groups[1].Value) : Encoding.GetEncoding(1252)).GetString(bytes);
            }
            catch (ArgumentException)
            {
                throw new HarvestFailure(url, $"the page's XML declaration names the unknown encoding '{declared.Groups[1].Value}'");
            }
        }
    }

    private static Encoding Strict(Encoding encoding) =>
        Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*<\?xml[^>]*encoding=[""']([A-Za-z0-9._-]+)[""']")]
    private static partial System.Text.RegularExpressions.Regex XmlEncoding();
}


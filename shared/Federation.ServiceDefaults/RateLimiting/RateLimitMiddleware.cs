using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Federation.ServiceDefaults.RateLimiting;

/// <summary>
/// Counts each request to a limited endpoint against its address and its client, and answers one over the limit with
/// 429, Retry-After and a problem details body, before the endpoint does any work.
/// </summary>
public sealed partial class RateLimitMiddleware(RequestDelegate next, RateLimitRules rules, IProblemDetailsService problems, ILogger<RateLimitMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (rules.Match(http.Request) is not { } rule)
        {
            await next(http);
            return;
        }

        var ip = RateLimitRules.AddressOf(http);
        var (allowed, retryAfter) = await rule.AcquireAsync(http, ip);
        if (allowed)
        {
            await next(http);
            return;
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter!.Value.TotalSeconds));
        LogLimited(logger, rule.Name, ip, seconds);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (WantsPage(http.Request))
        {
            // A person at a form (the hub's sign-in page) gets a page in words, not a JSON document.
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(
                "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
                + "<title>Too many attempts</title><main><h1>Too many attempts</h1>"
                + $"<p>Please wait {seconds} seconds, then go back and try again.</p>"
                + $"<p lang=\"nl\">Te veel pogingen. Wacht {seconds} seconden en probeer het daarna opnieuw.</p></main></html>",
                http.RequestAborted);
            return;
        }

        // Through the service's own problem details writer, so the body carries the trace id like every other refusal;
        // a client that accepts neither JSON nor HTML still gets the status, the header and a sentence.
        var detail = $"Too many requests to this endpoint ({rule.Name}); try again in {seconds} s.";
        var written = await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = detail,
                Type = "https://www.rfc-editor.org/rfc/rfc6585#section-4",
            },
        });
        if (!written)
        {
            await http.Response.WriteAsync(detail, http.RequestAborted);
        }
    }

    private static bool WantsPage(HttpRequest request) =>
        request.GetTypedHeaders().Accept is { Count: > 0 } accepted
        && accepted.Any(type => type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
        && !accepted.Any(type => type.MediaType.Value?.Contains("json", StringComparison.OrdinalIgnoreCase) == true);

    [LoggerMessage(LogLevel.Warning, "Rate limit {Rule} reached by {Ip}; told to retry in {Seconds} s")]
    private static partial void LogLimited(ILogger logger, string rule, string ip, int seconds);
}

using Microsoft.AspNetCore.Http;

namespace Federation.ServiceDefaults.Problems;

public static class ProblemResponses
{
    /// <summary>
    /// Answers with problem details of this status, title and detail (and Retry-After, for a refusal that passes),
    /// through the service's own writer, so the body carries the trace id like every other refusal.
    /// </summary>
    public static async ValueTask<bool> WriteProblemAsync(
        this IProblemDetailsService problems, HttpContext http, int status, string title, string detail, int? retryAfterSeconds = null)
    {
        http.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new() { Status = status, Title = title, Detail = detail },
        });
    }
}

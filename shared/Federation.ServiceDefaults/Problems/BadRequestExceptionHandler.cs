using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Federation.ServiceDefaults.Problems;

/// <summary>Turns a body that cannot be read (bad JSON, unknown field, wrong type, too large) into a 400/413 naming where.</summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        // Minimal APIs wrap the server's own refusal (413 for a body over the limit) in a generic 400.
        if (badRequest.InnerException is BadHttpRequestException inner)
        {
            badRequest = inner;
        }

        var json = badRequest.InnerException as JsonException;
        var field = string.IsNullOrEmpty(json?.Path) || json.Path == "$" ? "body" : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path;
        var message = json is not null ? "The request body is not valid JSON for this endpoint: " + FirstSentence(json.Message)
            : badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is larger than this endpoint accepts."
            : badRequest.Message;
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = badRequest.StatusCode,
                Title = "The request could not be read.",
            },
            Exception = exception,
        });
    }

    // The serializer's message ends with internal positions ("Path: $ | LineNumber: 0 …") that the field already says.
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}

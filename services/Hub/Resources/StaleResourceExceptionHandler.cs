using Federation.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Diagnostics;

namespace Federation.Hub.Resources;

/// <summary>Another writer changed the resource in between: the client reloads and tries again (409), nothing was written.</summary>
internal sealed class StaleResourceExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StaleResourceException)
        {
            return false;
        }

        return await problems.WriteProblemAsync(httpContext, StatusCodes.Status409Conflict, "The resource was changed at the same time",
            "Nothing was written. Reload the resource and apply your change again.");
    }
}

using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Federation.ServiceDefaults.Problems;

public static class FederationProblemDetails
{
    /// <summary>
    /// Every error leaves as RFC 9457 problem details with a trace id. Bad request bodies are thrown rather than
    /// answered with a bare 400, so <see cref="BadRequestExceptionHandler"/> can name the field at fault.
    /// </summary>
    public static WebApplicationBuilder AddFederationProblemDetails(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
        // After ASP.NET Core's writer, which it asks first: it takes every request that accepts JSON, this one the rest.
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonWhateverIsAccepted>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(options =>
            options.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<DependencyUnavailableExceptionHandler>();
        builder.Services.AddExceptionHandler<ConcurrentWriteExceptionHandler>();
        return builder;
    }

    public static WebApplication UseFederationProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}

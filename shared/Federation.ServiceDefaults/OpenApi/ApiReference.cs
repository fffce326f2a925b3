using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;

namespace Federation.ServiceDefaults.OpenApi;

public static class ApiReference
{
    /// <summary>
    /// The reference page is Scalar's, whose page configures itself with an inline script and styles: it gets a policy
    /// of its own that still loads nothing from anywhere but this service and cannot be framed.
    /// </summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'none'";

    public static bool IsReferencePage(PathString path) => path.StartsWithSegments("/scalar");

    /// <summary>The service describes its own API: OpenAPI at /openapi/v1.json, a readable reference at /scalar/v1.</summary>
    public static WebApplicationBuilder AddApiReference(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }
}

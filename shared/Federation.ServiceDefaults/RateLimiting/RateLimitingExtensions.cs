using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Federation.ServiceDefaults.Options;

namespace Federation.ServiceDefaults.RateLimiting;

public static class RateLimitingExtensions
{
    public static WebApplicationBuilder AddFederationRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<RateLimitOptions>(RateLimitOptions.Section);
        builder.Services.AddSingleton(services => new RateLimitRules(services.GetRequiredService<IOptions<RateLimitOptions>>().Value));
        return builder;
    }

    /// <summary>After authentication, so that a rule by client can see who a bearer token names.</summary>
    public static WebApplication UseFederationRateLimits(this WebApplication app)
    {
        app.UseMiddleware<RateLimitMiddleware>();
        return app;
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Federation.ServiceDefaults.Options;

namespace Federation.ServiceDefaults.RateLimiting;

public static class RateLimitingExtensions
{
    public static WebApplicationBuilder AddFederationRateLimits(this WebApplicationBuilder builder)
    {
        // Checked at start: data annotations do not reach into the rules' dictionary, and a bad window would
        // otherwise fail on the first request it meets.
        builder.Services.AddValidatedOptions<RateLimitOptions>(RateLimitOptions.Section)
            .Validate(options => options.Rules.Values.All(rule => rule.Path.StartsWith('/') && rule.Window > TimeSpan.Zero && rule.PerIp >= 0
                    && rule.PerClient >= 0 && rule.ClientOverrides.Values.All(limit => limit >= 0)
                    && (rule.ClientFrom == "user" || rule.ClientFrom is ['f', 'o', 'r', 'm', ':', _, ..])),
                "RateLimits:Rules: each rule needs a Path starting with '/', a positive Window, limits of 0 or more, and ClientFrom 'user' or 'form:NAME'.");
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

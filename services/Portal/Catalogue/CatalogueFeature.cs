using Federation.Clients.Registration;
using Federation.Portal.Forwarding;
using Federation.ServiceDefaults.Options;
using Microsoft.Extensions.Options;

namespace Federation.Portal.Catalogue;

public static class CatalogueFeature
{
    public static WebApplicationBuilder AddCatalogueClient(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<CatalogueOptions>(CatalogueOptions.Section);
        // The shared typed client, with the federation's resilience (reads retried) and the caller's address passed on.
        ClientRegistration.AddCatalogueClient(builder.Services, (services, http) =>
        {
            var options = services.GetRequiredService<IOptions<CatalogueOptions>>().Value;
            // Relative paths resolve under the base address only when it ends with a slash.
            http.BaseAddress = new Uri(options.Url.ToString().TrimEnd('/') + "/");
            http.Timeout = options.Timeout;
        }).ForwardingTheCaller();
        builder.Services.AddScoped<CatalogueClient>();
        builder.Services.AddSingleton<HubDirectory>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}

using Federation.Clients.OAuth;
using Federation.Clients.Registration;
using Federation.Portal.Forwarding;
using Federation.ServiceDefaults.Membership;
using Federation.ServiceDefaults.Options;

namespace Federation.Portal.SignIn;

public static class SignInFeature
{
    public static WebApplicationBuilder AddPortalSignIn(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SignInOptions>(SignInOptions.Section);
        builder.AddPortalKeyRing();
        builder.Services.AddHttpClient(HubIssuers.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10)).ForwardingTheCaller();
        // The hubs' discovery documents and keys, read through the shared OAuth client with its key-origin check.
        builder.Services.AddSingleton(PeerUrlRule.For(builder.Environment.IsDevelopment(), builder.Configuration.GetValue<bool>(PeerUrlRule.AllowPlainHttpSetting)));
        builder.Services.AddSingleton(services => new ProviderDiscovery(
            () => services.GetRequiredService<IHttpClientFactory>().CreateClient(HubIssuers.HttpClientName), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<PeerUrlRule>()));
        // Whom to trust is the authority's word, read and verified here.
        builder.AddFederationMembership();
        builder.Services.AddSingleton<HubIssuers>();
        builder.Services.AddSingleton<MemberTokens>();
        builder.Services.AddHttpClient(Hubs.HubGateway.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30)).ForwardingTheCaller();
        builder.Services.AddScoped<Hubs.HubGateway>();
        // Guest tokens kept by the gateway; bounded, so that many members cannot grow it without limit.
        builder.Services.AddMemoryCache(cache => cache.SizeLimit = 100_000);
        builder.Services.AddAuthentication(MemberSession.Scheme).AddCookie(MemberSession.Scheme, cookie =>
        {
            cookie.Cookie.Name = ".federation.portal";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/sign-in";
            cookie.AccessDeniedPath = "/sign-in";
            cookie.SlidingExpiration = false;
        });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }
}

using Federation.Clients.Registration;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.Identity.Authorization;
using Federation.Hub.Identity.Server;
using Federation.Hub.Identity.Store;
using Federation.Hub.Identity.TrustList;
using Federation.Hub.Identity.Upstream;
using Federation.Hub.Membership;
using Federation.ServiceDefaults.Options;
using Federation.ServiceDefaults.Postgres;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Federation.Hub.Identity;

public static class IdentityFeature
{
    /// <summary>
    /// The hub as identity provider of its members (OpenIddict server), and as an API that accepts only the tokens
    /// it issued itself (OpenIddict validation against the local server). Tokens of other hubs are accepted in one
    /// place only: the token exchange, which turns them into this hub's guest tokens.
    /// </summary>
    public static WebApplicationBuilder AddFederatedIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<IdentityOptions>(IdentityOptions.Section);
        var identity = builder.Configuration.GetValidated<IdentityOptions>(IdentityOptions.Section);
        var hub = builder.Configuration.GetValidated<HubOptions>(HubOptions.Section);

        // Hubs on one machine share a user and often a host name; keys and cookies are kept apart per hub so that
        // one hub's sign-in can never be read by another. The key table first, as hosted services start in order: data
        // protection reads its key ring in a hosted service of its own, and the demo accounts' seeding seals a key.
        builder.Services.AddPostgresSchema("hub-data-protection", EmbeddedSchema.Steps(typeof(IdentityFeature).Assembly, "Identity/Store"), readinessProbe: "SELECT 1 FROM hub_data_protection_keys LIMIT 1");
        builder.Services.AddDataProtection().SetApplicationName($"federation-hub-{hub.Id}");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>, DatabaseKeyRing.Setup>();

        // Local accounts: ASP.NET Core Identity on Entity Framework, in the hub's own database beside OpenIddict's tables.
        builder.Services.AddDbContextFactory<IdentityDbContext>((services, options) =>
        {
            options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>());
        });
        builder.Services.AddScoped(services => services.GetRequiredService<IDbContextFactory<IdentityDbContext>>().CreateDbContext());
        builder.AddHubAccounts();
        builder.Services.AddSingleton<MemberStore>();
        builder.Services.AddHostedService<IdentityStoreStartup>();
        builder.Services.AddHostedService<ClientSync>();
        builder.Services.AddHostedService<DemoAccountSeeder>();
        builder.Services.AddSingleton(PeerUrlRule.For(builder.Environment.IsDevelopment(), builder.Configuration.GetValue<bool>(PeerUrlRule.AllowPlainHttpSetting)));
        // Tokens already exchanged, and the authority's last statements (kept so that a hub restarting while the
        // authority is away still knows its peers); the table first, as hosted services start in order.
        builder.Services.AddPostgresSchema("hub-trust-list", EmbeddedSchema.Steps(typeof(IdentityFeature).Assembly, "Identity/TrustList"), readinessProbe: "SELECT 1 FROM hub_membership_statements LIMIT 1");
        builder.AddHubMembership();
        builder.Services.AddSingleton<FederationTrustList>();
        builder.Services.AddSingleton<GuestPolicy>();
        builder.Services.AddSingleton<GuestTokens>();
        builder.Services.AddSingleton<OnwardTokens>();
        builder.Services.AddValidatedOptions<GuestPolicyOptions>(GuestPolicyOptions.Section);
        builder.Services.AddHttpClient(IssuerKeys.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10))
            .AddStandardResilienceHandler();
        builder.Services.AddHealthChecks().AddCheck<IdentityStoreReadiness>("identity-store", tags: ["ready"]);

        builder.Services.AddSingleton<ValidatedTokens>();
        var authentication = builder.Services.AddAuthentication(HubBearerAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, HubBearerAuthentication>(HubBearerAuthentication.SchemeName, configureOptions: null)
            .AddMemberSessions(hub.Id);
        // "Sign in with your institution": the upstream providers this hub trusts, from configuration.
        builder.AddUpstreamProviders(authentication, hub.Id);
        builder.Services.AddScoped<UpstreamAccounts>();
        builder.Services.AddAntiforgery(antiforgery => antiforgery.Cookie.Name = $"federation-hub-{hub.Id}-antiforgery");

        var publicUrl = hub.PublicUrl!;
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(server =>
            {
                server.SetIssuer(publicUrl)
                    .SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/logout")
                    .SetIntrospectionEndpointUris("connect/introspect")
                    .SetRevocationEndpointUris("connect/revoke")
                    .AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow()
                    .AllowTokenExchangeFlow()
                    .RequireProofKeyForCodeExchange()
                    .SetAccessTokenLifetime(identity.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(identity.RefreshTokenLifetime)
                    // Other hubs read the claims of a home token when they exchange it, so it is signed, not encrypted.
                    .DisableAccessTokenEncryption()
                    // Scopes are checked by the authorization and token endpoints against the trust list, which changes
                    // at run time; a static scope table would lag behind it.
                    .DisableScopeValidation()
                    .IgnoreScopePermissions()
                    // The audience of a token exchange names another hub, and hubs join and leave at run time:
                    // OnwardTokens checks it against the trust list, and turns only a member's own token into one.
                    .DisableAudienceValidation()
                    .IgnoreAudiencePermissions()
                    .RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess)
                    .RegisterClaims(Claims.Subject, Claims.Name, Claims.Email, Claims.Role, HubClaims.HomeHub, HubClaims.HomeSubject,
                        HubClaims.OrganisationId, HubClaims.OrganisationName, HubClaims.OrganisationType)
                    .AddHubKeys(identity, hub.Id, builder.Environment.IsDevelopment())
                    .Configure(options =>
                    {
                        // PKCE with S256 only: "plain" would hand the verifier to anyone who sees the request.
                        options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);
                    });
                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();
                if ((publicUrl.IsLoopback || identity.AllowPlainHttpIssuer) && publicUrl.Scheme == Uri.UriSchemeHttp)
                {
                    // Only a hub on this machine's loopback (or its container network, when told so) may speak plain
                    // HTTP; anything reachable needs TLS.
                    aspNetCore.DisableTransportSecurityRequirement();
                }

                server.AddForeignSubjectTokens();
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
                validation.AddAudiences(HubClaims.AudienceOf(hub.Id));
            });

        builder.AddHubAuthorization();
        return builder;
    }
}

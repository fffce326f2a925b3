using Federation.ServiceDefaults.Options;
using Federation.Hub.Hosting;
using Federation.ServiceDefaults.Membership;
using Federation.ServiceDefaults.Messaging.Signing;
using Federation.Trust;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Membership;

public static partial class MembershipFeature
{
    public const string MediaType = "application/entity-statement+jwt";

    /// <summary>
    /// The federation's members as the authority vouches for them (kept in the hub's database across restarts), this
    /// hub's own federation keys, and its signed entity configuration.
    /// </summary>
    public static WebApplicationBuilder AddHubMembership(this WebApplicationBuilder builder)
    {
        builder.AddFederationMembership();
        builder.Services.AddSingleton<IMembershipStore, StoredMembership>();
        builder.Services.AddValidatedOptions<FederationOptions>(FederationOptions.Section);
        builder.Services.AddSingleton<CatalogueLookup>();
        builder.Services.AddSingleton(services => KeyRing(services, builder.Environment));
        builder.Services.AddSingleton<EntityConfiguration>();
        // Everything the hub says about itself on the broker is signed with its federation key.
        builder.Services.AddSingleton(services => new MessageSigner(
            services.GetRequiredService<FederationKeyRing>(), services.GetRequiredService<IOptions<HubOptions>>().Value.Id, services.GetRequiredService<TimeProvider>()));
        return builder;
    }

    public static IEndpointRouteBuilder MapHubMembership(this IEndpointRouteBuilder app)
    {
        app.MapGet("/" + MemberDirectoryReader.EntityConfigurationPath, (EntityConfiguration configuration) => Results.Text(configuration.Signed(), MediaType))
            .WithTags("Federation");
        return app;
    }

    private static FederationKeyRing KeyRing(IServiceProvider services, IHostEnvironment environment)
    {
        var files = services.GetRequiredService<IOptions<FederationOptions>>().Value.KeyFiles;
        if (files.Count > 0)
        {
            return FederationKeyRing.FromFiles(files);
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException("Federation:KeyFiles names no key: a hub outside Development must sign with a key the authority vouches for.");
        }

        // Nobody vouches for a key made here, so nothing it signs is believed elsewhere; a hub on its own (tests, a
        // first try) still works.
        LogEphemeralKey(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MembershipFeature)));
        return FederationKeyRing.Ephemeral();
    }

    [LoggerMessage(LogLevel.Warning, "Federation:KeyFiles names no key: this hub signs with a key of its own making, which no other member trusts")]
    private static partial void LogEphemeralKey(ILogger logger);
}

using Federation.Hub.Access.Grants;
using Federation.Hub.Access.Introductions;
using Federation.Hub.Access.Policies;
using Federation.Hub.Access.Requests;
using Federation.Hub.Artifacts;
using Federation.Hub.Hosting;
using Federation.ServiceDefaults.Options;
using Federation.ServiceDefaults.Postgres;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Access;

public static class AccessFeature
{
    /// <summary>Access policies, requests and grants, introductions, and the artifacts they protect.</summary>
    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder)
    {
        // Requests for access, the grants that answer them, and introductions to expertise offers, all held by the hub
        // that owns the resource. A person has at most one pending request per resource; once it is decided they may
        // ask again. A grant names a person, an organisation of a hub, or a whole hub, and always ends.
        builder.Services.AddPostgresSchema("hub-access", EmbeddedSchema.Steps(typeof(AccessFeature).Assembly, "Access"), readinessProbe: "SELECT 1 FROM access_grants LIMIT 1");
        builder.Services.AddPostgresSchema("hub-artifacts", EmbeddedSchema.Steps(typeof(AccessFeature).Assembly, "Artifacts"), readinessProbe: "SELECT 1 FROM hub_artifacts LIMIT 1");
        builder.Services.AddSingleton<GrantStore>();
        builder.Services.AddSingleton<AccessRequestStore>();
        builder.Services.AddSingleton<AccessDecisions>();
        builder.Services.AddSingleton<AccessEvaluator>();
        builder.Services.AddSingleton<IntroductionStore>();
        builder.Services.AddSingleton<IntroductionDecisions>();
        builder.Services.AddSingleton<ArtifactRecords>();
        builder.Services.AddSingleton<IArtifactStore, LocalDiskArtifactStore>();
        builder.Services.AddValidatedOptions<ArtifactOptions>(ArtifactOptions.Section);
        builder.Services.PostConfigure<ArtifactOptions>(options =>
        {
            if (options.Root.Length == 0)
            {
                var hubId = builder.Configuration["Hub:Id"] ?? "hub";
                options.Root = Path.Combine(Path.GetTempPath(), "federation-artifacts", hubId);
            }
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapAccess(this IEndpointRouteBuilder app)
    {
        app.MapAccessRequests();
        app.MapGrants();
        app.MapIntroductions();
        app.MapArtifacts();
        return app;
    }
}

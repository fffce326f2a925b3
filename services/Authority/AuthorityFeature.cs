using Federation.Authority.Members;
using Federation.Authority.Statements;
using Federation.ServiceDefaults.Options;
using Federation.ServiceDefaults.Postgres;
using Federation.Trust;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Federation.Authority;

public static class AuthorityFeature
{
    /// <summary>The authority's database (members and audit), its keys, and what it signs.</summary>
    public static WebApplicationBuilder AddAuthority(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AuthorityOptions>(AuthorityOptions.Section);
        var connectionString = builder.Configuration.GetConnectionString("Authority")
            ?? throw new InvalidOperationException("ConnectionStrings:Authority is not configured.");
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddPostgresSchema("authority", EmbeddedSchema.Steps(typeof(AuthorityFeature).Assembly, "Members"), readinessProbe: "SELECT 1 FROM authority_members LIMIT 1");
        builder.Services.AddSingleton<MemberStore>();
        // After the schema's steps: hosted services start in order.
        builder.Services.AddHostedService<SeedAdmissions>();
        // The first key signs; all are published (rollover).
        builder.Services.AddSingleton(services => FederationKeyRing.FromFiles(services.GetRequiredService<IOptions<AuthorityOptions>>().Value.SigningKeyFiles));
        builder.Services.AddSingleton<StatementIssuer>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}

using Federation.Authority.Members;
using Federation.Authority.Statements;
using Federation.ServiceDefaults.Options;
using Federation.ServiceDefaults.Postgres;
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
        builder.Services.AddSingleton<AuthorityKeys>();
        builder.Services.AddSingleton<StatementIssuer>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}

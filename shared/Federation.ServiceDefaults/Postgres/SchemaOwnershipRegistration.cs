using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Federation.ServiceDefaults.Postgres;

public static class SchemaOwnershipRegistration
{
    /// <summary>
    /// The owner connection <paramref name="ownerConnectionString"/> (if any) for the application's connection
    /// <paramref name="applicationConnectionString"/>; registers what <see cref="PostgresSchema"/> and migrations use.
    /// </summary>
    public static IServiceCollection AddSchemaOwnership(this IServiceCollection services, string applicationConnectionString, string? ownerConnectionString)
    {
        if (ownerConnectionString is null)
        {
            return services.AddSingleton(provider => new SchemaOwnership(provider.GetRequiredService<NpgsqlDataSource>(), applicationRole: null));
        }

        var application = new NpgsqlConnectionStringBuilder(applicationConnectionString).Username;
        var ownerRole = new NpgsqlConnectionStringBuilder(ownerConnectionString).Username;
        if (string.IsNullOrEmpty(application) || application == ownerRole)
        {
            throw new InvalidOperationException("The owner connection must use another role than the application's, or the application would own its schema.");
        }

        services.AddKeyedSingleton(SchemaOwnership.OwnerKey, (_, _) => NpgsqlDataSource.Create(ownerConnectionString));
        return services.AddSingleton(provider => new SchemaOwnership(provider.GetRequiredKeyedService<NpgsqlDataSource>(SchemaOwnership.OwnerKey), application));
    }
}

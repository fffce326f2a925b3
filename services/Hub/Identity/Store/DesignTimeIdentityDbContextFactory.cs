using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Federation.Hub.Identity.Store;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting a hub (which would start a silo and
/// connect to the broker). The connection string is never opened while generating a migration.
/// </summary>
internal sealed class DesignTimeIdentityDbContextFactory : IDesignTimeDbContextFactory<IdentityDbContext>
{
    public IdentityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IdentityDbContext>().UseNpgsql("Host=127.0.0.1;Database=design_time_only").Options);
}

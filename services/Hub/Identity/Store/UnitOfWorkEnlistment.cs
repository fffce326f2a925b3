using Federation.Hub.Writes;
using Microsoft.EntityFrameworkCore;

namespace Federation.Hub.Identity.Store;

/// <summary>
/// Lets Entity Framework (and so ASP.NET Core Identity's stores) write inside a <see cref="HubUnitOfWork"/>: a change to
/// an account commits together with its audit record and the mail that tells the person, or not at all.
/// </summary>
public static class UnitOfWorkEnlistment
{
    public static async Task EnlistAsync(this IdentityDbContext context, HubUnitOfWork work, CancellationToken cancellationToken)
    {
        context.Database.SetDbConnection(work.Connection, contextOwnsConnection: false);
        await context.Database.UseTransactionAsync(work.Transaction, cancellationToken);
    }
}

using Federation.Hub.Identity.Store;
using Microsoft.EntityFrameworkCore;

namespace Federation.Hub.Identity.Accounts;

/// <summary>
/// Reads who a member is, afresh for every token the hub issues. Accounts are written through ASP.NET Core Identity's
/// <c>UserManager</c>; this is the lean read beside it that services living for the whole process can use.
/// </summary>
public sealed class MemberStore(IDbContextFactory<IdentityDbContext> contexts)
{
    public async Task<Member?> FindByIdAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await context.Users.AsNoTracking()
            .Where(account => account.Id == id)
            .Select(account => new
            {
                Account = account,
                account.Organisation,
                Roles = context.UserRoles.Where(held => held.UserId == account.Id)
                    .Join(context.Roles, held => held.RoleId, role => role.Id, (_, role) => role.Name!)
                    .ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found?.Organisation is null)
        {
            return null;
        }

        var account = found.Account;
        return new Member(
            account.Id, account.UserName ?? "", account.DisplayName, account.Email ?? "", found.Organisation.ToOrganisation(),
            [.. found.Roles.Order(StringComparer.Ordinal)], account.SuspendedAt, account.SecurityStamp ?? "");
    }
}

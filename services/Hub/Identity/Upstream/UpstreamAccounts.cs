using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.Identity.Store;
using Federation.Hub.People;
using Federation.Hub.People.Organisations;
using Federation.Hub.Writes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Identity.Upstream;

/// <summary>
/// Members whose sign-in is an upstream provider's: made when an admission rule admits them or staff approve their
/// request, with no password (they sign in where they came from), the login linked, the person told. Each runs in the
/// caller's unit of work, with Entity Framework enlisted in it, so the account, its login, its roles, the audit record
/// and the mail commit together.
/// </summary>
public sealed class UpstreamAccounts(UserManager<HubAccount> users, IdentityDbContext context, PeopleMail mail, IOptions<HubOptions> hub, TimeProvider clock)
{
    public async Task<HubAccount> CreateAsync(
        UpstreamIdentity person, UpstreamProvider provider, HubOrganisation organisation, IReadOnlyList<string> roles, AuditEntry reason,
        HubUnitOfWork work, CancellationToken cancellationToken)
    {
        var email = person.Email ?? throw new InvalidOperationException("Only a person with a verified e-mail address becomes a member.");
        var account = new HubAccount
        {
            Id = Guid.CreateVersion7(), UserName = await FreeUserNameAsync(email), Email = email, EmailConfirmed = true,
            DisplayName = person.Name ?? email, OrganisationId = organisation.Id, CreatedAt = clock.GetUtcNow(),
        };
        Ensure(await users.CreateAsync(account));
        Ensure(await users.AddLoginAsync(account, new UserLoginInfo(provider.Name, person.Subject, provider.DisplayName)));
        Ensure(await users.AddToRolesAsync(account, [.. roles.Append(HubRoles.Member).Distinct(StringComparer.Ordinal)]));
        await work.AuditAsync(reason with
        {
            Target = account.Id.ToString(),
            Details = new Dictionary<string, string?>(reason.Details ?? new Dictionary<string, string?>())
            {
                ["provider"] = provider.Name, ["organisation"] = organisation.Id, ["roles"] = string.Join(' ', roles),
            },
        }, cancellationToken);
        await work.MailAsync(mail.AdmittedThroughInstitution(email, provider.DisplayName, organisation.Name), cancellationToken);
        return account;
    }

    /// <summary>The organisation a rule admits to: this hub's, or made now from the rule (audited) on the first admission.</summary>
    public async Task<HubOrganisation> OrganisationOfAsync(AdmissionRule rule, HubUnitOfWork work, CancellationToken cancellationToken)
    {
        if (await context.Organisations.SingleOrDefaultAsync(o => o.Id == rule.OrganisationId, cancellationToken) is { } known)
        {
            return known;
        }

        // A domain already given to another organisation stays there (each domain belongs to one).
        var taken = await context.Organisations.Where(o => o.Domains.Any(d => rule.Domains.Contains(d))).SelectMany(o => o.Domains).ToListAsync(cancellationToken);
        var organisation = new HubOrganisation
        {
            Id = rule.OrganisationId, Name = rule.OrganisationName, Type = OrganisationRules.TypeOf(rule.OrganisationType),
            Domains = [.. rule.Domains.Except(taken, StringComparer.Ordinal)],
        };
        context.Organisations.Add(organisation);
        await context.SaveChangesAsync(cancellationToken);
        await work.AuditAsync(new AuditEntry("organisation.added", "done", new AuditActor("hub", hub.Value.Id, hub.Value.Id, "admission rule"),
            Target: organisation.Id, Details: new Dictionary<string, string?> { ["name"] = organisation.Name, ["domains"] = string.Join(' ', organisation.Domains) }),
            cancellationToken);
        return organisation;
    }

    // The e-mail address is the natural username of someone who never chose one; a local account may hold it already.
    private async Task<string> FreeUserNameAsync(string email)
    {
        var candidate = email;
        for (var suffix = 2; await users.FindByNameAsync(candidate) is not null; suffix++)
        {
            candidate = $"{email}-{suffix}";
        }

        return candidate;
    }

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The account could not be made: {string.Join(" ", result.Errors.Select(e => e.Code))}");
        }
    }
}

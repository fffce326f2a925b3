using Federation.Contracts.Serialization;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.People.Invitations;
using Federation.Hub.People.JoinRequests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Federation.Hub.Identity.Store;

/// <summary>
/// The hub's people in its own database: ASP.NET Core Identity's accounts, roles, logins and tokens, the organisations
/// members belong to, invitations and join requests, and OpenIddict's applications, authorizations, scopes and tokens. Only these tables belong to
/// Entity Framework (created and upgraded by its migrations); the hub's other tables are written by hand.
/// </summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options)
    : Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityDbContext<HubAccount, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<HubOrganisation> Organisations => Set<HubOrganisation>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<JoinRequest> JoinRequests => Set<JoinRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict();
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreApplication>().ToTable("openiddict_applications");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreAuthorization>().ToTable("openiddict_authorizations");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreScope>().ToTable("openiddict_scopes");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreToken>().ToTable("openiddict_tokens");

        modelBuilder.Entity<HubAccount>(account =>
        {
            account.ToTable("hub_accounts");
            account.Property(a => a.DisplayName).HasMaxLength(200);
            account.Property(a => a.OrganisationId).HasMaxLength(100);
            account.Property(a => a.SuspensionReason).HasMaxLength(1000);
            account.HasOne(a => a.Organisation).WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            // Identity checks that an e-mail address is free before it saves one; two sign-ups at the same moment both
            // pass that check, and only the database can refuse the second.
            account.HasIndex(a => a.NormalizedEmail).HasDatabaseName("EmailIndex").IsUnique();
        });
        modelBuilder.Entity<IdentityRole<Guid>>().ToTable("hub_roles");
        modelBuilder.Entity<IdentityUserRole<Guid>>().ToTable("hub_account_roles");
        modelBuilder.Entity<IdentityUserClaim<Guid>>().ToTable("hub_account_claims");
        modelBuilder.Entity<IdentityUserLogin<Guid>>().ToTable("hub_account_logins");
        modelBuilder.Entity<IdentityUserToken<Guid>>().ToTable("hub_account_tokens");
        modelBuilder.Entity<IdentityRoleClaim<Guid>>().ToTable("hub_role_claims");

        modelBuilder.Entity<HubOrganisation>(organisation =>
        {
            organisation.ToTable("hub_organisations");
            organisation.HasKey(o => o.Id);
            organisation.Property(o => o.Id).HasMaxLength(100);
            organisation.Property(o => o.Name).HasMaxLength(200);
            // Stored by its wire name (company, research-institute, ...), as everywhere else in the federation.
            organisation.Property(o => o.Type).HasMaxLength(40).HasConversion(
                type => type.ToWireName(),
                stored => ParseOrganisationType(stored));
            organisation.Property(o => o.KvkNumber).HasMaxLength(8);
            organisation.HasIndex(o => o.KvkNumber).IsUnique();
        });

        modelBuilder.Entity<Invitation>(invitation =>
        {
            invitation.ToTable("hub_invitations");
            invitation.Property(i => i.Email).HasMaxLength(256);
            invitation.Property(i => i.DisplayName).HasMaxLength(200);
            invitation.Property(i => i.OrganisationId).HasMaxLength(100);
            invitation.Property(i => i.TokenHash).HasMaxLength(64);
            invitation.HasIndex(i => i.TokenHash).IsUnique();
            invitation.HasOne<HubOrganisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<JoinRequest>(request =>
        {
            request.ToTable("hub_join_requests");
            request.Property(r => r.Name).HasMaxLength(200);
            request.Property(r => r.Email).HasMaxLength(256);
            request.Property(r => r.OrganisationName).HasMaxLength(200);
            request.Property(r => r.OrganisationType).HasMaxLength(40).HasConversion(type => type.ToWireName(), stored => ParseOrganisationType(stored));
            request.Property(r => r.KvkNumber).HasMaxLength(8);
            request.Property(r => r.Motivation).HasMaxLength(2000);
            request.Property(r => r.State).HasMaxLength(20);
            request.Property(r => r.ConfirmationTokenHash).HasMaxLength(64);
            request.HasIndex(r => r.ConfirmationTokenHash).IsUnique();
            request.HasIndex(r => r.State);
            request.Property(r => r.UpstreamProvider).HasMaxLength(40);
            request.Property(r => r.UpstreamSubject).HasMaxLength(255);
            // One open request per institution sign-in, however many times the person presses "ask to join".
            request.HasIndex(r => new { r.UpstreamProvider, r.UpstreamSubject }).IsUnique()
                .HasFilter("\"UpstreamProvider\" IS NOT NULL AND \"State\" = 'pending'");
        });
    }

    private static OrganisationType ParseOrganisationType(string stored) =>
        WireNames.TryParseWireName<OrganisationType>(stored, out var type) ? type : OrganisationType.Other;
}

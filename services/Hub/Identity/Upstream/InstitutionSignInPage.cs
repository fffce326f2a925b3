using System.Text.Encodings.Web;
using Federation.Contracts.Serialization;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.Identity.Store;
using Federation.Hub.People;
using Federation.Hub.People.JoinRequests;
using Federation.Hub.Writes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Federation.Hub.Identity.Upstream;

/// <summary>
/// "Sign in with your institution": the hop to an upstream provider and what its answer means here. A person whose
/// upstream login is linked signs in (with the second factor staff always need). Anyone else needs an e-mail address
/// the provider verified: then an account with that address is linked only after its password is given (never by the
/// address alone), an admission rule admits people of its domains at once, and everyone else asks to join and waits
/// for staff. The hub issues its own session and tokens in every case; the provider's tokens are never kept.
/// </summary>
public static partial class InstitutionSignInPage
{
    public const string StartPath = "/account/institution/sign-in";
    private const string DonePath = "/account/institution/done";
    private const string ProviderItem = "upstream-provider";

    public static IEndpointRouteBuilder MapInstitutionSignInPage(this IEndpointRouteBuilder app)
    {
        var institution = app.MapGroup("/account/institution").WithTags("Sign-in").ExcludeFromDescription();
        institution.MapGet("/sign-in/{provider}", Start);
        institution.MapGet("/done", DoneAsync);
        institution.MapPost("/link", LinkAsync);
        institution.MapPost("/join", JoinAsync);
        return app;
    }

    /// <summary>The sign-in page's buttons, one per provider (empty when none is configured).</summary>
    public static string Buttons(UpstreamOptions upstream, string? returnUrl)
    {
        if (upstream.Providers.Count == 0)
        {
            return "";
        }

        var html = HtmlEncoder.Default;
        var links = string.Join("", upstream.Providers.Select(provider =>
            $"""<li><a class="institution" href="{html.Encode(SignInSteps.Next($"{StartPath}/{provider.Name}", returnUrl))}">Sign in with {html.Encode(provider.DisplayName)}</a></li>"""));
        return $"""<h2>With your institution</h2><ul>{links}</ul><h2>With a hub account</h2>""";
    }

    private static IResult Start(string provider, [FromQuery] string? returnUrl, IOptions<UpstreamOptions> upstream)
    {
        if (upstream.Value.Find(provider) is null)
        {
            return Results.NotFound();
        }

        var properties = new AuthenticationProperties { RedirectUri = SignInSteps.Next(DonePath, returnUrl) };
        properties.Items[ProviderItem] = provider;
        return Results.Challenge(properties, [UpstreamSetup.SchemeOf(provider)]);
    }

    private static async Task<IResult> DoneAsync(
        HttpContext http, [FromQuery] string? returnUrl, UserManager<HubAccount> users, HubSignInManager signIn, IAntiforgery antiforgery,
        IServiceProvider services, IOptions<UpstreamOptions> upstream, IOptions<HubOptions> hub, CancellationToken cancellationToken)
    {
        if (await ArrivedAsync(http, upstream.Value) is not var (provider, person))
        {
            return Results.LocalRedirect("/account/sign-in?upstream=failed");
        }

        if (await users.FindByLoginAsync(provider.Name, person.Subject) is { } linked)
        {
            return await SignInLinkedAsync(http, linked, provider, person, users, signIn, hub.Value, returnUrl);
        }

        if (await RefusedAsync(http, provider, person, services, hub.Value, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (await users.FindByEmailAsync(person.Email!) is { } existing)
        {
            return LinkForm(http, antiforgery, hub.Value, provider, person, existing, returnUrl, error: null);
        }

        if (person.AdmittedBy(provider) is { } rule && !await WasRemovedAsync(services, person, cancellationToken))
        {
            HubAccount account;
            try
            {
                account = await AdmitAsync(person, provider, rule, services, users, cancellationToken);
            }
            catch (Exception failure) when (failure is DbUpdateException or PostgresException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                // The same person's first sign-in in two tabs at once: the other made the account a moment before
                // this one could, and its unique keys refused the second. They are one person; sign them in.
                var madeMeanwhile = await users.FindByLoginAsync(provider.Name, person.Subject);
                if (madeMeanwhile is null)
                {
                    throw;
                }

                account = madeMeanwhile;
            }

            return await SignInLinkedAsync(http, account, provider, person, users, signIn, hub.Value, returnUrl);
        }

        return JoinForm(http, antiforgery, hub.Value, provider, person, new JoinPage.JoinForm { Name = person.Name, OrganisationName = person.Domain }, error: null);
    }

    // Someone staff removed asks again, like anyone no rule admits: staff decide whether they come back.
    private static async Task<bool> WasRemovedAsync(IServiceProvider services, UpstreamIdentity person, CancellationToken cancellationToken)
    {
        await using var command = services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM hub_removed_logins WHERE provider = $1 AND subject = $2)");
        command.Parameters.AddWithValue(person.Provider);
        command.Parameters.AddWithValue(person.Subject);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    // The provider's answer, kept in Identity's external cookie for a few minutes: which provider, and who it says this is.
    private static async Task<(UpstreamProvider Provider, UpstreamIdentity Person)?> ArrivedAsync(HttpContext http, UpstreamOptions upstream)
    {
        var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Properties?.Items.TryGetValue(ProviderItem, out var name) != true
            || upstream.Find(name!) is not { } provider || UpstreamIdentity.From(external.Principal, provider) is not { } person)
        {
            return null;
        }

        return (provider, person);
    }

    // No account is made, linked or asked for on an address the provider did not verify: it could be anyone's.
    private static async Task<IResult?> RefusedAsync(
        HttpContext http, UpstreamProvider provider, UpstreamIdentity person, IServiceProvider services, HubOptions hub, CancellationToken cancellationToken)
    {
        if (person.EmailVerified && person.Email is not null)
        {
            return null;
        }

        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        await services.GetRequiredService<AuditLog>().AppendAsync(new AuditEntry("account.upstream-sign-in", "refused", AuditActor.Anonymous,
            Status: StatusCodes.Status403Forbidden, Details: new Dictionary<string, string?> { ["provider"] = provider.Name, ["reason"] = "e-mail address not verified" }),
            cancellationToken);
        return AccountPage.Message(http, hub, "Not admitted",
            $"{provider.DisplayName} did not confirm your e-mail address, so {hub.DisplayName} cannot admit you with it. Ask your institution to verify it, or ask to join with the form on the sign-in page.",
            StatusCodes.Status403Forbidden, signIn: true);
    }

    private static async Task<HubAccount> AdmitAsync(
        UpstreamIdentity person, UpstreamProvider provider, AdmissionRule rule, IServiceProvider services, UserManager<HubAccount> users,
        CancellationToken cancellationToken)
    {
        var hub = services.GetRequiredService<IOptions<HubOptions>>().Value;
        var id = await WriteApartAsync(services, async (inScope, work) =>
        {
            var accounts = inScope.GetRequiredService<UpstreamAccounts>();
            var organisation = await accounts.OrganisationOfAsync(rule, work, cancellationToken);
            var account = await accounts.CreateAsync(person, provider, organisation, rule.Roles,
                new AuditEntry("member.admitted", "done", new AuditActor("hub", hub.Id, hub.Id, $"admission rule for {string.Join(' ', rule.Domains)}")),
                work, cancellationToken);
            await work.CommitAsync(cancellationToken);
            return account.Id;
        }, cancellationToken);
        return (await users.FindByIdAsync(id.ToString()))!;
    }

    // A write in a service scope of its own, with Entity Framework enlisted in its unit of work (which makes that
    // scope's context unusable afterwards, so the request's own stays clean for what follows).
    private static async Task<T> WriteApartAsync<T>(IServiceProvider services, Func<IServiceProvider, HubUnitOfWork, Task<T>> write, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await using var work = await scope.ServiceProvider.GetRequiredService<HubWrites>().BeginAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().EnlistAsync(work, cancellationToken);
        return await write(scope.ServiceProvider, work);
    }

    private static async Task<IResult> SignInLinkedAsync(
        HttpContext http, HubAccount account, UpstreamProvider provider, UpstreamIdentity person, UserManager<HubAccount> users, HubSignInManager signIn,
        HubOptions hub, string? returnUrl)
    {
        // Staff enrol a second factor before their first session, whichever way they proved the first; a suspended or
        // locked account goes on to the sign-in below, which refuses it with the reason.
        if (!account.TwoFactorEnabled && await users.IsInRoleAsync(account, HubRoles.Staff)
            && await signIn.CanSignInAsync(account) && !await users.IsLockedOutAsync(account))
        {
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
            await SignInSteps.RememberPasswordCheckedAsync(http, account);
            return Results.LocalRedirect(SignInSteps.Next(SignInSteps.EnrolmentPath, returnUrl));
        }

        var result = await signIn.ExternalLoginSignInAsync(provider.Name, person.Subject, isPersistent: false, bypassTwoFactor: false);
        if (result.RequiresTwoFactor)
        {
            return Results.LocalRedirect(SignInSteps.Next(SignInSteps.SecondFactorPath, returnUrl));
        }

        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        if (result.Succeeded)
        {
            return Results.LocalRedirect(SignInSteps.ReturnUrlOrHome(returnUrl));
        }

        return result.IsLockedOut
            ? AccountPage.Message(http, hub, "Sign in", SignInPage.LockedOut, StatusCodes.Status423Locked)
            : AccountPage.Message(http, hub, "Sign in", $"Your account at {hub.DisplayName} cannot sign in now (it may be suspended). Ask the hub's staff.", StatusCodes.Status403Forbidden);
    }
}

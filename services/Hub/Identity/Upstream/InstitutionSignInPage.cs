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
public static class InstitutionSignInPage
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
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
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

    private static async Task<IResult> LinkAsync(
        HttpContext http, [FromForm] LinkFields form, UserManager<HubAccount> users, HubSignInManager signIn, IAntiforgery antiforgery,
        IServiceProvider services, IOptions<UpstreamOptions> upstream, IOptions<HubOptions> hub, CancellationToken cancellationToken)
    {
        if (await ArrivedAsync(http, upstream.Value) is not var (provider, person))
        {
            return Results.LocalRedirect("/account/sign-in?upstream=expired");
        }

        if (await RefusedAsync(http, provider, person, services, hub.Value, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (await users.FindByLoginAsync(provider.Name, person.Subject) is not null || await users.FindByEmailAsync(person.Email!) is not { } account)
        {
            return AccountPage.Message(http, hub.Value, "Link", "There is nothing to link any more: start again from the sign-in page.", StatusCodes.Status409Conflict);
        }

        // The explicit confirmation: the account's own password (and, for an account with a second factor, its code).
        IResult Refused(string message, int status) => LinkForm(http, antiforgery, hub.Value, provider, person, account, form.ReturnUrl, message, status);
        if (string.IsNullOrEmpty(form.Password) || form.Password.Length > 1000)
        {
            return Refused("Give the password of the account to link it; nothing was linked.", StatusCodes.Status400BadRequest);
        }

        var password = await signIn.CheckPasswordSignInAsync(account, form.Password, lockoutOnFailure: true);
        if (!password.Succeeded)
        {
            return password.IsLockedOut
                ? Refused(SignInPage.LockedOut, StatusCodes.Status423Locked)
                : Refused("That password is not right; nothing was linked.", StatusCodes.Status401Unauthorized);
        }

        if (account.TwoFactorEnabled
            && (SignInSteps.NormalisedCode(form.Code) is not { } code
                || !await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code)))
        {
            await users.AccessFailedAsync(account);
            return Refused("Give the current code of your authenticator app as well; nothing was linked.", StatusCodes.Status401Unauthorized);
        }

        // In a scope of its own: Entity Framework enlisted in a unit of work cannot be used after it, and the sign-in
        // that follows reads the account through this request's.
        var linked = await WriteApartAsync(services, async (inScope, work) =>
        {
            var scopedUsers = inScope.GetRequiredService<UserManager<HubAccount>>();
            var mine = (await scopedUsers.FindByIdAsync(account.Id.ToString()))!;
            if (!(await scopedUsers.AddLoginAsync(mine, new UserLoginInfo(provider.Name, person.Subject, provider.DisplayName))).Succeeded)
            {
                return false;
            }

            await work.AuditAsync(new AuditEntry("account.upstream-linked", "done", new AuditActor("member", mine.Id.ToString(), hub.Value.Id, mine.DisplayName),
                Target: mine.Id.ToString(), Details: new Dictionary<string, string?> { ["provider"] = provider.Name }), cancellationToken);
            await work.MailAsync(inScope.GetRequiredService<PeopleMail>().InstitutionLinked(mine.Email!, mine.UserName!, provider.DisplayName), cancellationToken);
            await work.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);
        if (!linked)
        {
            return AccountPage.Message(http, hub.Value, "Link", "This sign-in is linked to an account already.", StatusCodes.Status409Conflict);
        }

        return await SignInLinkedAsync(http, account, provider, person, users, signIn, hub.Value, form.ReturnUrl);
    }

    private static async Task<IResult> JoinAsync(
        HttpContext http, [FromForm] JoinPage.JoinForm form, UserManager<HubAccount> users, IAntiforgery antiforgery, HubWrites writes, IdentityDbContext context,
        PeopleMail mail, IServiceProvider services, IOptions<UpstreamOptions> upstream, IOptions<HubOptions> hub, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await ArrivedAsync(http, upstream.Value) is not var (provider, person))
        {
            return Results.LocalRedirect("/account/sign-in?upstream=expired");
        }

        if (await RefusedAsync(http, provider, person, services, hub.Value, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (await users.FindByLoginAsync(provider.Name, person.Subject) is not null || await users.FindByEmailAsync(person.Email!) is not null)
        {
            return AccountPage.Message(http, hub.Value, "Join", "You are a member already: sign in.", StatusCodes.Status409Conflict, signIn: true);
        }

        // The address is the one the provider verified, whatever the form says.
        form.Email = person.Email;
        if (form.Invalid() is { } invalid)
        {
            return JoinForm(http, antiforgery, hub.Value, provider, person, form, invalid, StatusCodes.Status400BadRequest);
        }

        var now = clock.GetUtcNow();
        await using (var work = await writes.BeginAsync(cancellationToken))
        {
            await context.EnlistAsync(work, cancellationToken);
            var waiting = await context.JoinRequests.AnyAsync(
                r => r.UpstreamProvider == provider.Name && r.UpstreamSubject == person.Subject && r.State == JoinRequest.Pending, cancellationToken);
            if (!waiting)
            {
                // The provider verified the address: the request goes to staff at once, without a confirmation mail.
                var request = new JoinRequest
                {
                    Id = Guid.CreateVersion7(), Name = form.Name!.Trim(), Email = person.Email!, OrganisationName = form.OrganisationName!.Trim(),
                    OrganisationType = WireNames.TryParseWireName<OrganisationType>(form.OrganisationType ?? "", out var type) ? type : OrganisationType.Other,
                    KvkNumber = form.KvkNumber is { Length: > 0 } kvk ? kvk.Trim() : null, Motivation = form.Motivation!.Trim(),
                    State = JoinRequest.Pending, ConfirmationTokenHash = OneTimeSecret.New().Hash, CreatedAt = now, ConfirmBefore = now, ConfirmedAt = now,
                    UpstreamProvider = provider.Name, UpstreamSubject = person.Subject,
                };
                context.JoinRequests.Add(request);
                await context.SaveChangesAsync(cancellationToken);
                await work.AuditAsync(new AuditEntry("join-request.filed", "done", AuditActor.Anonymous, Target: request.Id.ToString(),
                    Details: new Dictionary<string, string?> { ["provider"] = provider.Name }), cancellationToken);
                await work.MailAsync(mail.JoinRequestReceived(person.Email!, provider.DisplayName), cancellationToken);
                await work.CommitAsync(cancellationToken);
            }
        }

        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        return AccountPage.Message(http, hub.Value, "Request received",
            $"The staff of {hub.Value.DisplayName} will consider your request and tell you by e-mail. Once admitted, sign in with {provider.DisplayName} as you did now.",
            StatusCodes.Status202Accepted);
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
        // Staff enrol a second factor before their first session, whichever way they proved the first.
        if (!account.TwoFactorEnabled && account.SuspendedAt is null && await users.IsInRoleAsync(account, HubRoles.Staff))
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

    private static IResult LinkForm(
        HttpContext http, IAntiforgery antiforgery, HubOptions hub, UpstreamProvider provider, UpstreamIdentity person, HubAccount account, string? returnUrl,
        string? error, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var message = error is null ? "" : $"""<p role="alert" class="error">{html.Encode(error)}</p>""";
        var code = account.TwoFactorEnabled
            ? """<label for="code">Code from your authenticator app</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required>"""
            : "";
        var body = $"""
            <h1>Link your sign-in</h1>
            <p>{html.Encode(hub.DisplayName)} has an account with the address <strong>{html.Encode(person.Email!)}</strong>. To let
            {html.Encode(provider.DisplayName)} sign you in to it, confirm that it is yours: give its password. Nothing is linked otherwise.</p>
            {message}
            <form method="post" action="/account/institution/link">
              <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken!)}">
              <input type="hidden" name="returnUrl" value="{html.Encode(returnUrl ?? "")}">
              <label for="password">Password of the account at {html.Encode(hub.DisplayName)}</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required>
              {code}
              <button type="submit">Link and sign in</button>
            </form>
            """;
        return AccountPage.Render(http, $"Link · {hub.DisplayName}", body, status);
    }

    private static IResult JoinForm(
        HttpContext http, IAntiforgery antiforgery, HubOptions hub, UpstreamProvider provider, UpstreamIdentity person, JoinPage.JoinForm form, string? error,
        int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var message = error is null ? "" : $"""<p role="alert" class="error">{html.Encode(error)}</p>""";
        string Option(string value, string label) =>
            $"""<option value="{value}"{((form.OrganisationType ?? "university") == value ? " selected" : "")}>{label}</option>""";
        var body = $"""
            <h1>Join {html.Encode(hub.DisplayName)}</h1>
            <p>{html.Encode(provider.DisplayName)} signed you in as <strong>{html.Encode(person.Email!)}</strong>. You are not a member of
            {html.Encode(hub.DisplayName)} yet: ask to join, and its staff decide.</p>
            {message}
            <form method="post" action="/account/institution/join">
              <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken!)}">
              <label for="name">Your name</label>
              <input id="name" name="name" autocomplete="name" required value="{html.Encode(form.Name ?? "")}">
              <label for="organisationName">Organisation</label>
              <input id="organisationName" name="organisationName" autocomplete="organization" required value="{html.Encode(form.OrganisationName ?? "")}">
              <label for="organisationType">Kind of organisation</label>
              <select id="organisationType" name="organisationType">
                {Option("university", "University")}{Option("research-institute", "Research institute")}{Option("company", "Company")}{Option("government", "Government")}{Option("other", "Other")}
              </select>
              <label for="kvkNumber">KvK number (companies: eight digits)</label>
              <input id="kvkNumber" name="kvkNumber" inputmode="numeric" value="{html.Encode(form.KvkNumber ?? "")}">
              <label for="motivation">Why you want to join</label>
              <textarea id="motivation" name="motivation" required rows="5">{html.Encode(form.Motivation ?? "")}</textarea>
              <button type="submit">Ask to join</button>
            </form>
            """;
        return AccountPage.Render(http, $"Join · {hub.DisplayName}", body, status);
    }

    public sealed class LinkFields
    {
        public string? Password { get; set; }

        public string? Code { get; set; }

        public string? ReturnUrl { get; set; }
    }
}

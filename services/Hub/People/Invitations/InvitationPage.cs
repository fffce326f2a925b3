using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.Identity.Store;
using Federation.Hub.Writes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Federation.Hub.People.Invitations;

/// <summary>
/// Where the link in an invitation leads: the person chooses their username and password and becomes a member, in
/// the organisation and with the roles staff chose. The link works once and until it expires; the address is taken as
/// confirmed, since the secret came through it.
/// </summary>
public static partial class InvitationPage
{
    private const string Gone = "This invitation link does not work any more: it was used, it expired, or staff withdrew it. Ask the hub's staff for a new one.";

    public static IEndpointRouteBuilder MapInvitationPage(this IEndpointRouteBuilder app)
    {
        var page = app.MapGroup("/account/invitation").WithTags("Membership").ExcludeFromDescription();
        // The secret travels in the query, never the path: request paths go into every log line written during a request.
        page.MapGet("", ShowAsync);
        page.MapPost("", AcceptAsync);
        return app;
    }

    private static async Task<IResult> ShowAsync(
        [FromQuery(Name = "code")] string? secret, HttpContext http, IdentityDbContext context, IAntiforgery antiforgery, IOptions<HubOptions> hub, TimeProvider clock, CancellationToken cancellationToken)
    {
        var invitation = await OpenAsync(context, secret, clock.GetUtcNow(), cancellationToken);
        return invitation is null
            ? AccountPage.Message(http, hub.Value, "Invitation", Gone, StatusCodes.Status410Gone)
            : Form(http, antiforgery, hub.Value, secret!, invitation.Email, invitation.DisplayName ?? "", username: "", error: null);
    }

    private static async Task<IResult> AcceptAsync(
        [FromQuery(Name = "code")] string? secret, [FromForm] AcceptForm form, HttpContext http, IdentityDbContext context, UserManager<HubAccount> users, HubWrites writes,
        IAntiforgery antiforgery, IOptions<HubOptions> hub, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var invitation = await OpenAsync(context, secret, now, cancellationToken);
        if (invitation is null)
        {
            return AccountPage.Message(http, hub.Value, "Invitation", Gone, StatusCodes.Status410Gone);
        }

        var username = form.Username?.Trim().ToLowerInvariant() ?? "";
        var name = form.DisplayName?.Trim() ?? "";
        IResult Refused(string error) => Form(http, antiforgery, hub.Value, secret!, invitation.Email, name, username, error, StatusCodes.Status400BadRequest);
        if (!Username().IsMatch(username))
        {
            return Refused("A username is 3 to 64 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit.");
        }

        if (name.Length is < 2 or > 200)
        {
            return Refused("Give your name as others should see it (2 to 200 characters).");
        }

        if (form.Password != form.ConfirmPassword)
        {
            return Refused("The two passwords differ.");
        }

        var account = new HubAccount
        {
            Id = Guid.CreateVersion7(), UserName = username, Email = invitation.Email, EmailConfirmed = true, DisplayName = name,
            OrganisationId = invitation.OrganisationId, CreatedAt = now,
        };
        await using var work = await writes.BeginAsync(cancellationToken);
        await context.EnlistAsync(work, cancellationToken);
        // Taken first, under the transaction: of two people posting the same link at once, one gets it.
        var taken = await context.Invitations
            .Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AccountId, account.Id), cancellationToken);
        if (taken == 0)
        {
            return AccountPage.Message(http, hub.Value, "Invitation", Gone, StatusCodes.Status410Gone);
        }

        var created = await users.CreateAsync(account, form.Password ?? "");
        if (!created.Succeeded)
        {
            // Nothing is kept: the transaction rolls back, and the link still works for a second try.
            return Refused(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        var roles = await users.AddToRolesAsync(account, invitation.Roles);
        if (!roles.Succeeded)
        {
            throw new InvalidOperationException($"The roles of an invitation could not be given: {string.Join(" ", roles.Errors.Select(e => e.Code))}");
        }

        await work.AuditAsync(new AuditEntry("member.joined", "done", new AuditActor("member", account.Id.ToString(), hub.Value.Id, name),
            Target: invitation.Id.ToString(), Details: new Dictionary<string, string?>
            {
                ["organisation"] = invitation.OrganisationId, ["roles"] = string.Join(' ', invitation.Roles),
            }), cancellationToken);
        await work.CommitAsync(cancellationToken);
        var staffNote = invitation.Roles.Contains(HubRoles.Staff)
            ? " As staff you will set up a second factor (an authenticator app) when you first sign in."
            : "";
        return AccountPage.Message(http, hub.Value, "Welcome", $"Your account '{username}' at {hub.Value.DisplayName} is ready.{staffNote}", StatusCodes.Status200OK, signIn: true);
    }

    private static async Task<Invitation?> OpenAsync(IdentityDbContext context, string? secret, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!OneTimeSecret.LooksValid(secret))
        {
            return null;
        }

        var hash = OneTimeSecret.HashOf(secret!);
        var invitation = await context.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        return invitation?.StateAt(now) == "open" ? invitation : null;
    }

    private static IResult Form(HttpContext http, IAntiforgery antiforgery, HubOptions hub, string secret, string email, string name, string username, string? error, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var message = error is null ? "" : $"""<p role="alert" class="error">{html.Encode(error)}</p>""";
        var body = $"""
            <h1>Join {html.Encode(hub.DisplayName)}</h1>
            <p>You were invited as <strong>{html.Encode(email)}</strong>. Choose how you sign in.</p>
            {message}
            <form method="post" action="/account/invitation?code={html.Encode(secret)}">
              <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken!)}">
              <label for="displayName">Your name</label>
              <input id="displayName" name="displayName" autocomplete="name" required value="{html.Encode(name)}">
              <label for="username">Username</label>
              <input id="username" name="username" autocomplete="username" required value="{html.Encode(username)}">
              <label for="password">Password (at least 12 characters)</label>
              <input id="password" name="password" type="password" autocomplete="new-password" required minlength="12">
              <label for="confirmPassword">The same password again</label>
              <input id="confirmPassword" name="confirmPassword" type="password" autocomplete="new-password" required minlength="12">
              <button type="submit">Create my account</button>
            </form>
            """;
        return AccountPage.Render(http, $"Join · {hub.DisplayName}", body, status);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial Regex Username();

    public sealed class AcceptForm
    {
        public string? DisplayName { get; set; }

        public string? Username { get; set; }

        public string? Password { get; set; }

        public string? ConfirmPassword { get; set; }
    }
}

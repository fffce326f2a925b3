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
/// Someone the provider signed in whom no rule admits asks to join: their request goes to staff at once (the provider
/// verified the address), one open request per sign-in.
/// </summary>
public static partial class InstitutionSignInPage
{
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
}

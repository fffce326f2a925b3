using System.Text.Encodings.Web;
using Federation.Contracts.Hub;
using Federation.Contracts.Serialization;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.Identity.Store;
using Federation.Hub.People.Invitations;
using Federation.Hub.People.Organisations;
using Federation.Hub.Writes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Federation.Hub.People.JoinRequests;

/// <summary>
/// Asking to join the hub, for anyone: name, e-mail address, organisation and why. The request reaches staff only once
/// the address is confirmed through the link mailed to it; the page says the same whatever the address, so it cannot
/// be used to find out who is a member.
/// </summary>
public static class JoinPage
{
    private const string Sent = "Thank you. We sent a message to the address you gave: follow its link to confirm your request, and the hub's staff will consider it.";

    public static IEndpointRouteBuilder MapJoinPage(this IEndpointRouteBuilder app)
    {
        var join = app.MapGroup("/account/join").WithTags("Membership").ExcludeFromDescription();
        join.MapGet("/", (HttpContext http, IAntiforgery antiforgery, IOptions<HubOptions> hub) => Form(http, antiforgery, hub.Value, new JoinForm(), error: null));
        join.MapPost("/", AskAsync);
        // The secret travels in the query, never the path: request paths go into every log line written during a request.
        join.MapGet("/confirm", ShowConfirmationAsync);
        join.MapPost("/confirm", ConfirmAsync);
        return app;
    }

    private static async Task<IResult> AskAsync(
        [FromForm] JoinForm form, HttpContext http, IdentityDbContext context, HubWrites writes, PeopleMail mail, IAntiforgery antiforgery,
        IOptions<HubOptions> hub, IOptions<PeopleOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (form.Invalid() is { } error)
        {
            return Form(http, antiforgery, hub.Value, form, error, StatusCodes.Status400BadRequest);
        }

        var now = clock.GetUtcNow();
        var email = form.Email!.Trim();
        var (secret, hash) = OneTimeSecret.New();
        await using var work = await writes.BeginAsync(cancellationToken);
        await context.EnlistAsync(work, cancellationToken);
        if (!await work.MayMailUnaskedAsync(email, cancellationToken))
        {
            // Someone's address typed in again and again: nothing more is filed or sent this hour.
            return AccountPage.Message(http, hub.Value, "Check your mailbox", Sent, StatusCodes.Status200OK);
        }

        if (await context.Users.AnyAsync(a => a.NormalizedEmail == email.ToUpperInvariant(), cancellationToken))
        {
            // A member already: no request, but the person (and only they) learns why nothing more happens.
            await work.MailAsync(mail.AlreadyAMember(email), cancellationToken);
        }
        else
        {
            var request = new JoinRequest
            {
                Id = Guid.CreateVersion7(), Name = form.Name!.Trim(), Email = email, OrganisationName = form.OrganisationName!.Trim(),
                OrganisationType = WireNames.TryParseWireName<OrganisationType>(form.OrganisationType!, out var type) ? type : OrganisationType.Other,
                KvkNumber = form.KvkNumber is { Length: > 0 } kvk ? kvk.Trim() : null, Motivation = form.Motivation!.Trim(),
                ConfirmationTokenHash = hash, CreatedAt = now, ConfirmBefore = now + options.Value.ConfirmationLifetime,
            };
            context.JoinRequests.Add(request);
            await context.SaveChangesAsync(cancellationToken);
            await work.AuditAsync(new AuditEntry("join-request.filed", "done", AuditActor.Anonymous, Target: request.Id.ToString()), cancellationToken);
            await work.MailAsync(mail.ConfirmJoinRequest(email, secret, request.ConfirmBefore), cancellationToken);
        }

        await work.CommitAsync(cancellationToken);
        return AccountPage.Message(http, hub.Value, "Check your mailbox", Sent, StatusCodes.Status200OK);
    }

    private static async Task<IResult> ShowConfirmationAsync(
        [FromQuery(Name = "code")] string? secret, HttpContext http, IdentityDbContext context, IAntiforgery antiforgery, IOptions<HubOptions> hub, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await UnconfirmedAsync(context, secret, clock.GetUtcNow(), cancellationToken) is null)
        {
            return AccountPage.Message(http, hub.Value, "Request", "This link does not work any more: the request was confirmed already, or it expired.", StatusCodes.Status410Gone);
        }

        // A button, not the link itself: mail scanners that open every link must not confirm anything.
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var body = $"""
            <h1>Confirm your request</h1>
            <p>Confirm that you asked to become a member of {html.Encode(hub.Value.DisplayName)}.</p>
            <form method="post" action="/account/join/confirm?code={html.Encode(secret!)}">
              <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken!)}">
              <button type="submit">Confirm my request</button>
            </form>
            """;
        return AccountPage.Render(http, $"Confirm · {hub.Value.DisplayName}", body);
    }

    private static async Task<IResult> ConfirmAsync(
        [FromQuery(Name = "code")] string? secret, HttpContext http, IdentityDbContext context, HubWrites writes, IOptions<HubOptions> hub, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var request = await UnconfirmedAsync(context, secret, now, cancellationToken);
        if (request is null)
        {
            return AccountPage.Message(http, hub.Value, "Request", "This link does not work any more: the request was confirmed already, or it expired.", StatusCodes.Status410Gone);
        }

        await using var work = await writes.BeginAsync(cancellationToken);
        await context.EnlistAsync(work, cancellationToken);
        var confirmed = await context.JoinRequests
            .Where(r => r.Id == request.Id && r.State == JoinRequest.Unconfirmed)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.State, JoinRequest.Pending).SetProperty(r => r.ConfirmedAt, now), cancellationToken);
        if (confirmed == 1)
        {
            await work.AuditAsync(new AuditEntry("join-request.confirmed", "done", AuditActor.Anonymous, Target: request.Id.ToString()), cancellationToken);
            await work.CommitAsync(cancellationToken);
        }

        return AccountPage.Message(http, hub.Value, "Request confirmed", $"The staff of {hub.Value.DisplayName} will consider your request; you will hear from them by e-mail.", StatusCodes.Status200OK);
    }

    private static async Task<JoinRequest?> UnconfirmedAsync(IdentityDbContext context, string? secret, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!OneTimeSecret.LooksValid(secret))
        {
            return null;
        }

        var hash = OneTimeSecret.HashOf(secret!);
        return await context.JoinRequests.AsNoTracking()
            .SingleOrDefaultAsync(r => r.ConfirmationTokenHash == hash && r.State == JoinRequest.Unconfirmed && r.ConfirmBefore > now, cancellationToken);
    }

    private static IResult Form(HttpContext http, IAntiforgery antiforgery, HubOptions hub, JoinForm form, string? error, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var message = error is null ? "" : $"""<p role="alert" class="error">{html.Encode(error)}</p>""";
        string Option(string value, string label) =>
            $"""<option value="{value}"{(form.OrganisationType == value ? " selected" : "")}>{label}</option>""";
        var body = $"""
            <h1>Join {html.Encode(hub.DisplayName)}</h1>
            <p>Ask to become a member. We confirm your e-mail address first; then the hub's staff decide, and tell you by e-mail.</p>
            {message}
            <form method="post" action="/account/join">
              <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken!)}">
              <label for="name">Your name</label>
              <input id="name" name="name" autocomplete="name" required value="{html.Encode(form.Name ?? "")}">
              <label for="email">E-mail address</label>
              <input id="email" name="email" type="email" autocomplete="email" required value="{html.Encode(form.Email ?? "")}">
              <label for="organisationName">Organisation</label>
              <input id="organisationName" name="organisationName" autocomplete="organization" required value="{html.Encode(form.OrganisationName ?? "")}">
              <label for="organisationType">Kind of organisation</label>
              <select id="organisationType" name="organisationType">
                {Option("company", "Company")}{Option("university", "University")}{Option("research-institute", "Research institute")}{Option("government", "Government")}{Option("other", "Other")}
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

    public sealed class JoinForm
    {
        public string? Name { get; set; }

        public string? Email { get; set; }

        public string? OrganisationName { get; set; }

        public string? OrganisationType { get; set; }

        public string? KvkNumber { get; set; }

        public string? Motivation { get; set; }

        /// <summary>What is wrong with the form, in words for the person; null when it can be filed.</summary>
        public string? Invalid()
        {
            if (Name?.Trim() is not { Length: >= 2 and <= 200 })
            {
                return "Give your name (2 to 200 characters).";
            }

            if (!InvitationEndpoints.IsAddress(Email?.Trim() ?? ""))
            {
                return "Give an e-mail address we can write to.";
            }

            var organisation = new OrganisationInput(null, OrganisationName, OrganisationType, KvkNumber is { Length: > 0 } kvk ? kvk.Trim() : null);
            if (OrganisationRules.Validate(organisation, idGiven: false) is { } invalid)
            {
                return invalid.Message;
            }

            return Motivation?.Trim() is { Length: >= 10 and <= 2000 } ? null : "Tell the staff why you want to join (10 to 2000 characters).";
        }
    }
}

using System.Globalization;
using Federation.Clients.Hubs;
using Federation.Contracts.Hub;
using Federation.Portal.Hubs;
using Federation.Portal.SignIn;
using Microsoft.AspNetCore.Antiforgery;

namespace Federation.Portal.Staff;

/// <summary>
/// The forms of the staff's pages: approve (to whom, until when, why) or deny (why) an access request, accept or
/// decline an introduction, revoke a grant (why), at their own hub. The hub decides whether they may; its answer, good
/// or bad, is shown on the page they came from.
/// </summary>
public static class DecisionEndpoints
{
    public static WebApplication MapStaffDecisions(this WebApplication app)
    {
        app.MapPost("/staff/requests/{requestId:guid}/{decision}", (Guid requestId, string decision, HttpContext http, IAntiforgery antiforgery,
            HubGateway gateway, CancellationToken cancellationToken) => decision is not ("approve" or "deny")
            ? Task.FromResult(Results.NotFound())
            : decision == "approve"
                ? HubFormPost.ForwardAsync(http, antiforgery, gateway, (hub, form, token) => hub.ApproveAccessAsync(requestId,
                    new ApprovalInput(form["grantTo"].ToString(), ExpiryOf(form["expiresAt"].ToString()), Optional(form["reason"].ToString())), token),
                    "/staff/requests", PastTense(decision), requestId, cancellationToken)
                : HubFormPost.ForwardAsync(http, antiforgery, gateway, (hub, form, token) => hub.DenyAccessAsync(requestId,
                    new DenialInput(form["reason"].ToString()), token),
                    "/staff/requests", PastTense(decision), requestId, cancellationToken)).ExcludeFromDescription();
        app.MapPost("/staff/introductions/{introductionId:guid}/{decision}", (Guid introductionId, string decision, HttpContext http,
            IAntiforgery antiforgery, HubGateway gateway, CancellationToken cancellationToken) => decision is not ("accept" or "decline")
            ? Task.FromResult(Results.NotFound())
            : HubFormPost.ForwardAsync(http, antiforgery, gateway, (hub, form, token) => decision == "accept"
                    ? hub.AcceptIntroductionAsync(introductionId, new DecisionInput(Optional(form["reason"].ToString())), token)
                    : hub.DeclineIntroductionAsync(introductionId, new DecisionInput(form["reason"].ToString()), token),
                "/staff/requests", PastTense(decision), introductionId, cancellationToken)).ExcludeFromDescription();
        app.MapPost("/staff/grants/{grantId:guid}/revoke", (Guid grantId, HttpContext http, IAntiforgery antiforgery, HubGateway gateway,
            CancellationToken cancellationToken) =>
            HubFormPost.ForwardAsync(http, antiforgery, gateway, (hub, form, token) => hub.RevokeGrantAsync(grantId, new RevocationInput(form["reason"].ToString()), token),
                "/staff/grants", "revoked", grantId, cancellationToken)).ExcludeFromDescription();
        app.MapGet("/staff/audit/export", async (HttpContext http, HubGateway gateway, CancellationToken cancellationToken) =>
        {
            // The hub's own JSON-lines export, filtered the same way, streamed through as it is written.
            var (filter, field, problem) = AuditExportQuery.Read(http.Request.Query);
            if (filter is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { [field!] = [problem!] }, detail: problem);
            }

            if (http.User.HomeHub() is not { } hub || await gateway.ClientForAsync(http, hub, cancellationToken) is not { } client)
            {
                return Results.LocalRedirect("/sign-in?returnUrl=%2Fstaff%2Faudit");
            }

            if ((await gateway.CallAsync(client, hub, (api, token) => api.OpenAuditExportAsync(filter, token), cancellationToken)).Value is not { } response)
            {
                return Results.LocalRedirect("/staff/audit");
            }

            http.Response.RegisterForDispose(response);
            return Results.Stream(await response.Content.ReadAsStreamAsync(cancellationToken), "application/x-ndjson", "audit.jsonl");
        }).ExcludeFromDescription();
        return app;
    }

    private static string PastTense(string decision) => decision switch
    {
        "approve" => "approved",
        "deny" => "denied",
        "accept" => "accepted",
        _ => "declined",
    };

    private static string? Optional(string reason) => reason.Length == 0 ? null : reason;

    // A date picker gives a day; the grant runs to the end of it.
    private static DateTimeOffset? ExpiryOf(string day) =>
        DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateTimeOffset(date.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero) : null;
}

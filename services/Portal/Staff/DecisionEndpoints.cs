using System.Globalization;
using Federation.Contracts.Hub;
using Federation.Portal.Hubs;
using Federation.Portal.SignIn;
using Microsoft.AspNetCore.Antiforgery;

namespace Federation.Portal.Staff;

/// <summary>
/// The forms of the staff's review page: approve (to whom, until when, why) or deny (why) a request at their own
/// hub. The hub decides whether they may; its answer, good or bad, is shown on the page they came from.
/// </summary>
public static class DecisionEndpoints
{
    public static WebApplication MapStaffDecisions(this WebApplication app)
    {
        app.MapPost("/staff/requests/{requestId:guid}/{decision}", async (Guid requestId, string decision, HttpContext http, IAntiforgery antiforgery,
            HubGateway gateway, CancellationToken cancellationToken) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http) || decision is not ("approve" or "deny"))
            {
                return Results.BadRequest();
            }

            if (!http.User.IsSignedIn() || http.User.HomeHub() is not { } hub)
            {
                return Results.LocalRedirect("/sign-in?returnUrl=%2Fstaff%2Frequests");
            }

            var form = await http.Request.ReadFormAsync(cancellationToken);
            var reason = form["reason"].ToString();
            object body = decision == "approve"
                ? new ApprovalInput(form["grantTo"].ToString(), ExpiryOf(form["expiresAt"].ToString()), reason.Length == 0 ? null : reason)
                : new DenialInput(reason);
            var answer = await gateway.SendAsync<AccessRequest>(http, hub, HttpMethod.Post, $"access-requests/{requestId}/{decision}", body, cancellationToken);
            var outcome = answer.Succeeded ? $"done={decision}d"
                : $"failed={requestId}&reason={Uri.EscapeDataString(string.Join(" ", answer.Errors.SelectMany(e => e.Value).DefaultIfEmpty(answer.Detail ?? answer.Status.ToString())))}";
            return Results.LocalRedirect($"/staff/requests?{outcome}");
        }).ExcludeFromDescription();
        return app;
    }

    // A date picker gives a day; the grant runs to the end of it.
    private static DateTimeOffset? ExpiryOf(string day) =>
        DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateTimeOffset(date.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero) : null;
}

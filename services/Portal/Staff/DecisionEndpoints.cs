using System.Globalization;
using Federation.Contracts.Hub;
using Federation.Portal.Hubs;
using Federation.Portal.SignIn;
using Microsoft.AspNetCore.Antiforgery;

namespace Federation.Portal.Staff;

/// <summary>
/// The forms of the staff's review page: approve (to whom, until when, why) or deny (why) an access request, accept or
/// decline an introduction, at their own hub. The hub decides whether they may; its answer, good or bad, is shown on
/// the page they came from.
/// </summary>
public static class DecisionEndpoints
{
    public static WebApplication MapStaffDecisions(this WebApplication app)
    {
        app.MapPost("/staff/requests/{requestId:guid}/{decision}", (Guid requestId, string decision, HttpContext http, IAntiforgery antiforgery,
            HubGateway gateway, CancellationToken cancellationToken) =>
            DecideAsync(http, antiforgery, gateway, decision is "approve" or "deny" ? decision : null, $"access-requests/{requestId}", requestId,
                form => decision == "approve"
                    ? new ApprovalInput(form["grantTo"].ToString(), ExpiryOf(form["expiresAt"].ToString()), Optional(form["reason"].ToString()))
                    : new DenialInput(form["reason"].ToString()),
                cancellationToken)).ExcludeFromDescription();
        app.MapPost("/staff/introductions/{introductionId:guid}/{decision}", (Guid introductionId, string decision, HttpContext http,
            IAntiforgery antiforgery, HubGateway gateway, CancellationToken cancellationToken) =>
            DecideAsync(http, antiforgery, gateway, decision is "accept" or "decline" ? decision : null, $"introductions/{introductionId}", introductionId,
                form => new DecisionInput(decision == "accept" ? Optional(form["reason"].ToString()) : form["reason"].ToString()),
                cancellationToken)).ExcludeFromDescription();
        app.MapGet("/staff/audit/export", async (HttpContext http, HubGateway gateway, CancellationToken cancellationToken) =>
        {
            // The hub's own JSON-lines export, filtered the same way, streamed through as it is written.
            if (http.User.HomeHub() is not { } hub || await gateway.ClientForAsync(http, hub, cancellationToken) is not { } client)
            {
                return Results.LocalRedirect("/sign-in?returnUrl=%2Fstaff%2Faudit");
            }

            var response = await client.GetAsync($"audit/export{http.Request.QueryString}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            http.Response.RegisterForDispose(response);
            http.Response.RegisterForDispose(client);
            return response.IsSuccessStatusCode
                ? Results.Stream(await response.Content.ReadAsStreamAsync(cancellationToken), "application/x-ndjson", "audit.jsonl")
                : Results.LocalRedirect("/staff/audit");
        }).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> DecideAsync(HttpContext http, IAntiforgery antiforgery, HubGateway gateway, string? decision, string path, Guid id,
        Func<IFormCollection, object> bodyOf, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(http) || decision is null)
        {
            return Results.BadRequest();
        }

        if (!http.User.IsSignedIn() || http.User.HomeHub() is not { } hub)
        {
            return Results.LocalRedirect("/sign-in?returnUrl=%2Fstaff%2Frequests");
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var answer = await gateway.SendAsync<System.Text.Json.JsonElement>(http, hub, HttpMethod.Post, $"{path}/{decision}", bodyOf(form), cancellationToken);
        var outcome = answer.Succeeded ? $"done={Uri.EscapeDataString(PastTense(decision))}"
            : $"failed={id}&reason={Uri.EscapeDataString(string.Join(" ", answer.Errors.SelectMany(e => e.Value).DefaultIfEmpty(answer.Detail ?? answer.Status.ToString())))}";
        return Results.LocalRedirect($"/staff/requests?{outcome}");
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

using System.Globalization;
using Federation.Contracts.Compute;
using Federation.Contracts.Hub;
using Federation.Portal.Hubs;
using Microsoft.AspNetCore.Antiforgery;

namespace Federation.Portal.ComputeAccess;

/// <summary>
/// The forms of the compute pages, each sent to the signed-in person's own member, which decides whether they may:
/// home staff endorse or return an application; a facility's reviewers score it and its staff award or reject it,
/// and close a call. The answer, good or bad, is shown on the page the form was on.
/// </summary>
public static class ComputeFormEndpoints
{
    public static WebApplication MapComputeForms(this WebApplication app)
    {
        app.MapPost("/staff/compute/{applicationId:guid}/{decision}", (Guid applicationId, string decision, HttpContext http, IAntiforgery antiforgery,
            HubGateway gateway, CancellationToken cancellationToken) => decision switch
            {
                "endorse" => HubFormPost.ForwardAsync(http, antiforgery, gateway, (hub, form, token) => hub.EndorseComputeApplicationAsync(applicationId,
                    new EndorsementInput(form["eligibilityChecked"] == "true", Optional(form["advice"].ToString())), token),
                    "/staff/compute", "endorsed", applicationId, cancellationToken),
                "return" => HubFormPost.ForwardAsync(http, antiforgery, gateway, (hub, form, token) => hub.ReturnComputeApplicationAsync(applicationId,
                    new DecisionInput(form["reason"].ToString()), token),
                    "/staff/compute", "returned", applicationId, cancellationToken),
                _ => Task.FromResult(Results.NotFound()),
            }).ExcludeFromDescription();
        app.MapPost("/facility/applications/{applicationId:guid}/{decision}", (Guid applicationId, string decision, HttpContext http, IAntiforgery antiforgery,
            HubGateway gateway, CancellationToken cancellationToken) => decision switch
            {
                "review" => HubFormPost.ForwardAsync(http, antiforgery, gateway, (facility, form, token) => facility.ReviewApplicationAsync(applicationId,
                    new ReviewInput(Whole(form["score"].ToString()), form["comment"].ToString()), token),
                    "/facility/applications", "reviewed", applicationId, cancellationToken),
                "award" => HubFormPost.ForwardAsync(http, antiforgery, gateway, (facility, form, token) => facility.AwardApplicationAsync(applicationId,
                    new AwardInput(Hours(form["hours"].ToString()), Optional(form["partition"].ToString()), Day(form["start"].ToString()), Day(form["end"].ToString())), token),
                    "/facility/applications", "awarded", applicationId, cancellationToken),
                "reject" => HubFormPost.ForwardAsync(http, antiforgery, gateway, (facility, form, token) => facility.RejectApplicationAsync(applicationId,
                    new DecisionInput(form["reason"].ToString()), token),
                    "/facility/applications", "rejected", applicationId, cancellationToken),
                _ => Task.FromResult(Results.NotFound()),
            }).ExcludeFromDescription();
        app.MapPost("/facility/calls/{callId:guid}/close", (Guid callId, HttpContext http, IAntiforgery antiforgery, HubGateway gateway,
            CancellationToken cancellationToken) =>
            HubFormPost.ForwardAsync(http, antiforgery, gateway, (facility, _, token) => facility.CloseCallAsync(callId, token),
                "/facility/calls", "closed", callId, cancellationToken)).ExcludeFromDescription();
        return app;
    }

    private static string? Optional(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    // What is not a number is sent as none, so that the member's refusal names the field.
    private static int? Whole(string number) => int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long? Hours(string number) => long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateOnly? Day(string day) =>
        DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

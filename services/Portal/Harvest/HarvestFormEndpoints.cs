using System.Globalization;
using Federation.Contracts.Harvest;
using Federation.Portal.Hubs;
using Federation.Portal.SignIn;
using Microsoft.AspNetCore.Antiforgery;

namespace Federation.Portal.Harvest;

/// <summary>
/// The forms of the harvesting pages: register a source, run one now (or as a dry run, after which the browser
/// follows the run's page), confirm what a held run would withdraw. The hub decides whether staff may.
/// </summary>
public static class HarvestFormEndpoints
{
    public static WebApplication MapHarvestForms(this WebApplication app)
    {
        app.MapPost("/staff/harvest/add", (HttpContext http, IAntiforgery antiforgery, HubGateway gateway, CancellationToken cancellationToken) =>
            HubFormPost.ForwardAsync(http, antiforgery, gateway, (hub, form, token) => hub.RegisterHarvestSourceAsync(new HarvestSourceInput(
                    form["name"].ToString(), form["url"].ToString().Trim(), form["schedule"].ToString(), form["accessPolicy"].ToString(),
                    Optional(form["licence"].ToString().Trim()), form["organisation"].ToString(),
                    int.TryParse(form["withdrawalLimitPercent"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) ? limit : null), token),
                "/staff/harvest", "added", Guid.Empty, cancellationToken)).ExcludeFromDescription();
        app.MapPost("/staff/harvest/sources/{sourceId:guid}/run", async (Guid sourceId, HttpContext http, IAntiforgery antiforgery, HubGateway gateway,
            FailureNotices notices, CancellationToken cancellationToken) =>
        {
            if (!await antiforgery.IsGenuineFormAsync(http))
            {
                return Results.BadRequest();
            }

            var page = $"/staff/harvest/sources/{sourceId}";
            if (!http.User.IsSignedIn() || http.User.HomeHub() is not { } hub)
            {
                return Results.LocalRedirect($"/sign-in?returnUrl={Uri.EscapeDataString(page)}");
            }

            var form = await http.Request.ReadFormAsync(cancellationToken);
            var started = await gateway.CallAsync(http, hub, (client, token) => client.StartHarvestAsync(sourceId, form["dryRun"] == "true", token), cancellationToken);
            return started.Value is { } run
                ? Results.LocalRedirect($"/staff/harvest/runs/{run.Id}")
                : Results.LocalRedirect($"{page}?{notices.Query(sourceId.ToString(), started.Detail ?? started.Status.ToString())}");
        }).ExcludeFromDescription();
        app.MapPost("/staff/harvest/runs/{runId:guid}/confirm", (Guid runId, HttpContext http, IAntiforgery antiforgery, HubGateway gateway,
            CancellationToken cancellationToken) =>
            HubFormPost.ForwardAsync(http, antiforgery, gateway, (hub, _, token) => hub.ConfirmHarvestAsync(runId, token),
                $"/staff/harvest/runs/{runId}", "confirmed", runId, cancellationToken)).ExcludeFromDescription();
        return app;
    }

    private static string? Optional(string value) => value.Length == 0 ? null : value;
}

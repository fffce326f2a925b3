using System.Text.Json;
using Federation.Contracts.Hub;
using Federation.Portal.Hubs;
using Federation.Portal.SignIn;
using Microsoft.AspNetCore.Antiforgery;

namespace Federation.Portal.Me;

/// <summary>
/// A member's own data at their home hub: the download of everything it holds about them, and asking to close the
/// account. The hub answers both for the signed-in person alone; the portal passes them on. Closing itself happens at
/// the hub, through the link it mails to the person.
/// </summary>
public static class MyDataEndpoints
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static WebApplication MapMyData(this WebApplication app)
    {
        app.MapGet("/me/data", DownloadAsync).ExcludeFromDescription();
        app.MapPost("/me/close", CloseAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> DownloadAsync(HttpContext http, HubGateway gateway, CancellationToken cancellationToken)
    {
        if (!http.User.IsSignedIn() || http.User.HomeHub() is not { } home)
        {
            return Results.LocalRedirect("/sign-in?returnUrl=%2Fme%2Faccount");
        }

        var answer = await gateway.CallAsync(http, home, (hub, token) => hub.MyDataAsync(token), cancellationToken);
        if (answer.Value is not { } data)
        {
            return Results.LocalRedirect($"/me/account?{http.RequestServices.GetRequiredService<FailureNotices>().Query("data", answer.Detail ?? answer.Status.ToString())}");
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.File(JsonSerializer.SerializeToUtf8Bytes(data, Indented), "application/json", $"my-data-{home}.json");
    }

    private static async Task<IResult> CloseAsync(HttpContext http, IAntiforgery antiforgery, HubGateway gateway, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsGenuineFormAsync(http))
        {
            return Results.BadRequest();
        }

        if (!http.User.IsSignedIn() || http.User.HomeHub() is not { } home)
        {
            return Results.LocalRedirect("/sign-in?returnUrl=%2Fme%2Faccount");
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var answer = await gateway.CallAsync(http, home,
            (hub, token) => hub.CloseMyAccountAsync(new AccountClosureInput(form["confirmUsername"].ToString().Trim()), token), cancellationToken);
        if (!answer.Succeeded)
        {
            var reasons = string.Join(" ", answer.Errors.SelectMany(e => e.Value).DefaultIfEmpty(answer.Detail ?? answer.Status.ToString()));
            return Results.LocalRedirect($"/me/account?{http.RequestServices.GetRequiredService<FailureNotices>().Query("close", reasons)}");
        }

        // The hub mailed the person the link that closes the account: until they follow it, nothing has changed.
        return Results.LocalRedirect("/me/account?done=close-mailed");
    }
}

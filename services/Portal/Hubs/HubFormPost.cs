using Federation.Clients.Hubs;
using Federation.Clients.Results;
using Federation.Portal.SignIn;
using Microsoft.AspNetCore.Antiforgery;

namespace Federation.Portal.Hubs;

/// <summary>
/// A plain HTML form of the portal's that asks the member's own hub to act (decide a request, revoke a grant, mark a
/// message read): the antiforgery token is checked, the hub is sent what the form says, and the browser goes back to
/// the page the form was on, told in its query string that it was done or why the hub refused. The hub authorises.
/// </summary>
public static class HubFormPost
{
    public static async Task<IResult> ForwardAsync<T>(HttpContext http, IAntiforgery antiforgery, HubGateway gateway,
        Func<HubClient, IFormCollection, CancellationToken, Task<ApiResult<T>>> call, string page, string done, Guid subject, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsGenuineFormAsync(http))
        {
            return Results.BadRequest();
        }

        if (!http.User.IsSignedIn() || http.User.HomeHub() is not { } hub)
        {
            return Results.LocalRedirect($"/sign-in?returnUrl={Uri.EscapeDataString(page)}");
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var answer = await gateway.CallAsync(http, hub, (client, token) => call(client, form, token), cancellationToken);
        var reasons = string.Join(" ", answer.Errors.SelectMany(e => e.Value).DefaultIfEmpty(answer.Detail ?? answer.Status.ToString()));
        return Results.LocalRedirect(answer.Succeeded
            ? $"{page}?done={Uri.EscapeDataString(done)}"
            : $"{page}?{http.RequestServices.GetRequiredService<FailureNotices>().Query(subject.ToString(), reasons)}");
    }
}

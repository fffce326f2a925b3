using System.Text.Encodings.Web;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.People.Members;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Federation.Hub.People.MyData;

/// <summary>
/// Where closing an account is confirmed: the link mailed by POST /me/close leads here, and the button on this page
/// closes the account. A token alone (stolen, or left in a shared computer's CLI) cannot close anyone's account; it
/// takes the person's mailbox too. The link is Identity's user token for this purpose: two hours, tied to the
/// account's security stamp, so a changed password or a suspension spoils it.
/// </summary>
public static class AccountClosurePage
{
    public const string Path = "/account/close";

    /// <summary>What Identity's token is made for, so that no other of its tokens (a password reset's) closes an account.</summary>
    public const string Purpose = "close-account";

    private const string Spoiled = "This link does not work (any more): it was used, it expired, or your account changed since. Ask again from your account page.";

    public static IEndpointRouteBuilder MapAccountClosurePage(this IEndpointRouteBuilder app)
    {
        var close = app.MapGroup(Path).WithTags("Me").ExcludeFromDescription();
        // The token travels in the query, never the path: request paths go into every log line written during a request.
        close.MapGet("", ShowAsync);
        close.MapPost("", CloseAsync);
        return app;
    }

    /// <summary>The link that confirms closing <paramref name="account"/>, to be mailed to its address.</summary>
    public static async Task<Uri> LinkAsync(UserManager<HubAccount> users, HubAccount account, HubOptions hub)
    {
        var token = await users.GenerateUserTokenAsync(account, TokenOptions.DefaultProvider, Purpose);
        return new Uri(hub.PublicUrl!, $"{Path}?user={account.Id}&token={Uri.EscapeDataString(token)}");
    }

    private static async Task<IResult> ShowAsync(
        HttpContext http, UserManager<HubAccount> users, IAntiforgery antiforgery, IOptions<HubOptions> hub, [FromQuery] string? user, [FromQuery] string? token) =>
        await ConfirmedAsync(users, user, token) is { } account
            ? Form(http, antiforgery, hub.Value, account, token!)
            : AccountPage.Message(http, hub.Value, "Close my account", Spoiled, StatusCodes.Status400BadRequest);

    private static async Task<IResult> CloseAsync(
        HttpContext http, [FromForm] ClosureForm form, UserManager<HubAccount> users, MemberStanding standing, IOptions<HubOptions> hub,
        CancellationToken cancellationToken)
    {
        if (await ConfirmedAsync(users, form.User, form.Token) is not { } account)
        {
            return AccountPage.Message(http, hub.Value, "Close my account", Spoiled, StatusCodes.Status400BadRequest);
        }

        // Checked again here: someone else may have stopped being staff since the link was sent.
        if (await MyDataEndpoints.IsOnlyStaffAsync(users, account))
        {
            return AccountPage.Message(http, hub.Value, "Close my account", MyDataEndpoints.OnlyStaff, StatusCodes.Status409Conflict);
        }

        try
        {
            await standing.CloseAsync(account, cancellationToken);
        }
        catch (MemberStanding.LastStaffException)
        {
            return AccountPage.Message(http, hub.Value, "Close my account", MyDataEndpoints.OnlyStaff, StatusCodes.Status409Conflict);
        }
        catch (MemberStanding.ChangedMeanwhileException)
        {
            // The same link confirmed twice at once (a double click): the other confirmation closed the account.
            return AccountPage.Message(http, hub.Value, "Close my account", Spoiled, StatusCodes.Status400BadRequest);
        }

        return AccountPage.Message(http, hub.Value, "Your account is closed",
            $"Your account at {hub.Value.DisplayName} is closed, and every session of yours has ended. A confirmation is on its way by mail.",
            StatusCodes.Status200OK);
    }

    // A suspended account is not closed this way: staff hold it as it is until they decide.
    private static async Task<HubAccount?> ConfirmedAsync(UserManager<HubAccount> users, string? user, string? token) =>
        Guid.TryParse(user, out var id) && !string.IsNullOrEmpty(token) && token.Length <= 2000
        && await users.FindByIdAsync(id.ToString()) is { SuspendedAt: null } account
        && await users.VerifyUserTokenAsync(account, TokenOptions.DefaultProvider, Purpose, token)
            ? account
            : null;

    private static IResult Form(HttpContext http, IAntiforgery antiforgery, HubOptions hub, HubAccount account, string token)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var body = $"""
            <h1>Close your account at {html.Encode(hub.DisplayName)}?</h1>
            <p>Your account '{html.Encode(account.UserName ?? "")}', your notifications and your name are removed, here and at the
            other hubs; access you were granted ends. The audit log keeps only what it must, with a number instead of your name.
            This cannot be undone.</p>
            <form method="post" action="{Path}">
              <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken!)}">
              <input type="hidden" name="user" value="{account.Id}">
              <input type="hidden" name="token" value="{html.Encode(token)}">
              <button type="submit">Close my account for good</button>
            </form>
            <p><a href="/">Keep my account</a></p>
            """;
        return AccountPage.Render(http, $"Close my account · {hub.DisplayName}", body);
    }

    public sealed class ClosureForm
    {
        public string? User { get; set; }

        public string? Token { get; set; }
    }
}

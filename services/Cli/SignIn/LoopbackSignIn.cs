using System.Net;
using System.Text;
using Federation.Cli.Connection;
using Federation.Clients.OAuth;
using Spectre.Console;

namespace Federation.Cli.SignIn;

/// <summary>
/// A person signs in at their hub in the browser (authorization code with PKCE, RFC 8252 for native apps): the hub's
/// own sign-in page takes the password, never this program, and the hub sends the browser back to a listener on
/// 127.0.0.1 with a code that only this run, holding the PKCE verifier, can redeem.
/// </summary>
public sealed class LoopbackSignIn(IAnsiConsole console, BrowserLauncher browser)
{
    public async Task<PersonSession> SignInAsync(HttpClient hub, TimeSpan patience, CancellationToken cancellationToken)
    {
        var request = AuthorizationRequest.Start();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://{HubTokens.RedirectUri.Authority}/");
        try
        {
            listener.Start();
        }
        catch (HttpListenerException exception)
        {
            throw new SignInFailedException($"Cannot listen on {HubTokens.RedirectUri.Authority} for the hub's answer ({exception.Message}): is another sign-in running?");
        }

        var authorize = request.Url(OAuthEndpoints.OfHub(hub.BaseAddress!).Authorization, HubTokens.ClientId, HubTokens.RedirectUri, HubTokens.Scopes);
        console.MarkupLine("Sign in at your hub in the browser. If it does not open, open this address:");
        console.WriteLine(authorize.AbsoluteUri);
        browser.Open(authorize);

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waiting.CancelAfter(patience);
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().WaitAsync(waiting.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SignInFailedException($"No answer from the hub within {patience.TotalMinutes:0} minutes; nothing was signed in.");
            }

            if (context.Request.Url?.AbsolutePath != HubTokens.RedirectUri.AbsolutePath)
            {
                await AnswerAsync(context, HttpStatusCode.NotFound, "Not here.");
                continue;
            }

            var answer = context.Request.QueryString;
            // A request without this run's state did not come from the sign-in it started: it is ignored, not obeyed.
            if (answer["state"] != request.State)
            {
                await AnswerAsync(context, HttpStatusCode.BadRequest, "This answer does not belong to the sign-in that is waiting.");
                continue;
            }

            if (answer["error"] is { } error)
            {
                await AnswerAsync(context, HttpStatusCode.OK, "The hub did not sign you in. You can close this window.");
                throw new SignInFailedException($"The hub did not sign you in: {answer["error_description"] ?? error}.");
            }

            if (answer["code"] is not { Length: > 0 } code)
            {
                await AnswerAsync(context, HttpStatusCode.BadRequest, "The hub's answer has no code.");
                continue;
            }

            // The browser is told the outcome only once the hub has redeemed the code, so both say the same thing.
            try
            {
                var session = await HubTokens.RedeemAsync(hub, code, request, cancellationToken);
                await AnswerAsync(context, HttpStatusCode.OK, "You are signed in. You can close this window and go back to the terminal.");
                return session;
            }
            catch (SignInFailedException exception)
            {
                await AnswerAsync(context, HttpStatusCode.OK, $"The hub did not sign you in: {exception.Message} You can close this window.");
                throw;
            }
        }
    }

    private static async Task AnswerAsync(HttpListenerContext context, HttpStatusCode status, string message)
    {
        var page = Encoding.UTF8.GetBytes($"<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>federation</title><p>{WebUtility.HtmlEncode(message)}</p></html>");
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength64 = page.Length;
        await context.Response.OutputStream.WriteAsync(page);
        context.Response.Close();
    }
}

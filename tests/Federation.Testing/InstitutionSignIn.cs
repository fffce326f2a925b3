using System.Net;
using System.Text.RegularExpressions;

namespace Federation.Testing;

/// <summary>
/// "Sign in with your institution" step by step, as a browser does it: the hub sends the person to the outside
/// provider (<see cref="LocalInstitutions"/>), the person logs in there with a real HTTP client of their own, and the
/// provider's answer is handed back to the hub. Returns the hub's answer to the callback's last step.
/// </summary>
public static partial class InstitutionSignIn
{
    /// <param name="hub">The hub as the person's browser sees it (cookies kept, redirects not followed).</param>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient hub, string login, string? password = null, string returnUrl = "/")
    {
        var start = await hub.GetAsync($"/account/institution/sign-in/{LocalInstitutions.ProviderName}?returnUrl={Uri.EscapeDataString(returnUrl)}");
        if (start.StatusCode != HttpStatusCode.Redirect || start.Headers.Location is not { } toProvider)
        {
            throw new InvalidOperationException($"The hub did not send the person to the provider: {(int)start.StatusCode} {await start.Content.ReadAsStringAsync()}");
        }

        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var provider = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var next = toProvider;
        HttpResponseMessage answer;
        var visited = new List<string>();
        for (var hops = 0; ; hops++)
        {
            if (hops > 10)
            {
                throw new InvalidOperationException($"The provider kept redirecting: {string.Join(" → ", visited)}");
            }

            visited.Add(next.ToString());
            answer = await provider.GetAsync(next);
            if (answer.StatusCode == HttpStatusCode.OK && await answer.Content.ReadAsStringAsync() is var page && LoginForm().Match(page) is { Success: true } form)
            {
                // The provider's own login form: the person types their address and password.
                answer = await provider.PostAsync(new Uri(next, form.Groups[1].Value), new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["login"] = login, ["password"] = password ?? LocalInfrastructure.DemoPassword,
                }));
                if (answer.StatusCode != HttpStatusCode.SeeOther)
                {
                    throw new InvalidOperationException($"The provider refused the login: {(int)answer.StatusCode}");
                }
            }

            if (answer.Headers.Location is not { } location)
            {
                throw new InvalidOperationException($"The provider answered {(int)answer.StatusCode} without sending the person on: {await answer.Content.ReadAsStringAsync()}");
            }

            next = location.IsAbsoluteUri ? location : new Uri(next, location);
            if (next.Authority != LocalInstitutions.Issuer.Authority)
            {
                break;
            }
        }

        // Back at the hub: the callback, then the hub's own page that decides what the answer means.
        var callback = await hub.GetAsync(next.PathAndQuery);
        if (callback.StatusCode != HttpStatusCode.Redirect || callback.Headers.Location is not { } done)
        {
            return callback;
        }

        return await hub.GetAsync(done.IsAbsoluteUri ? done.PathAndQuery : done.OriginalString);
    }

    [GeneratedRegex("""<form method="post" action="([^"]+/login)">""")]
    private static partial Regex LoginForm();
}

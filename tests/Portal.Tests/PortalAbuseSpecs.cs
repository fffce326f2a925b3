using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Federation.Portal.Tests;

/// <summary>
/// Generated hostile input at every page and form of the portal, from someone not signed in: query strings with
/// markup, SQL, paths, huge and negative numbers, broken percent-encoding; form posts without or with forged
/// antiforgery tokens, as the wrong media type, too large, not UTF-8. No answer is a server error, none shows
/// internals, and none does anything: a post is refused or sent to sign in.
/// </summary>
public sealed class PortalAbuseSpecs : IClassFixture<UnreachableCatalogueSpecs.PortalAlone>
{
    private static readonly string[] Pages =
    [
        "/", "/expertise", "/federation", "/resources/0b0e7e48-3f0c-4e7e-9d51-6a7b9b0c1a01", "/me", "/sign-in", "/staff/audit", "/staff/grants",
        "/staff/publish", "/staff/requests", "/staff/resources", "/staff/resources/0b0e7e48-3f0c-4e7e-9d51-6a7b9b0c1a01/edit", "/language/en",
    ];

    private static readonly string[] Posts =
    [
        "/staff/publish", "/resources/0b0e7e48-3f0c-4e7e-9d51-6a7b9b0c1a01", "/staff/requests/0b0e7e48-3f0c-4e7e-9d51-6a7b9b0c1a01/approve",
        "/staff/requests/0b0e7e48-3f0c-4e7e-9d51-6a7b9b0c1a01/deny", "/staff/introductions/0b0e7e48-3f0c-4e7e-9d51-6a7b9b0c1a01/accept",
        "/staff/grants/0b0e7e48-3f0c-4e7e-9d51-6a7b9b0c1a01/revoke", "/staff/resources/0b0e7e48-3f0c-4e7e-9d51-6a7b9b0c1a01/upload",
        "/me/notifications/0b0e7e48-3f0c-4e7e-9d51-6a7b9b0c1a01/read", "/sign-out", "/staff/requests/0b0e7e48-3f0c-4e7e-9d51-6a7b9b0c1a01/%2e%2e%2fadmin",
    ];

    private static readonly string[] Keys =
        ["q", "kind", "hub", "licence", "accessPolicy", "keyword", "theme", "sort", "cursor", "page", "pageSize", "returnUrl", "state", "skills", "sector", "region", "language", "resourceId", "limit", "_handler"];

    private static readonly string[] Values =
    [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'; DROP TABLE catalogue; --", "water & !energie | (zorg:*", "../../etc/passwd", "%00", "%zz", "%",
        "-1", "0", "99999999999999999999", "2147483648", "-2147483649", "1e309", "NaN", "😀😀😀", "\u202Eevil", "javascript:alert(1)", "//attacker.example/", "https://attacker.example/",
        "", " ", "null", "[]", "{}", "dataset,model,expertise", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", "eyJhbGciOiJub25lIn0.e30.",
    ];

    private readonly HttpClient client;

    public PortalAbuseSpecs(UnreachableCatalogueSpecs.PortalAlone portal)
    {
        client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
    }

    [Fact]
    public async Task Hostile_query_strings_on_every_page_are_answered_without_a_server_error()
    {
        var random = new Random(1129);
        foreach (var page in Pages)
        {
            for (var i = 0; i < 150; i++)
            {
                var query = string.Join('&', Enumerable.Range(0, random.Next(1, 6)).Select(_ => $"{Keys[random.Next(Keys.Length)]}={Value(random)}"));
                if (i == 0)
                {
                    query = string.Join('&', Enumerable.Repeat("kind=dataset", 500));
                }

                using var response = await client.GetAsync($"{page}?{query}");
                await AssertNoServerErrorAsync(response, $"GET {page}?{query}");
            }
        }
    }

    [Fact]
    public async Task Forged_and_malformed_form_posts_are_refused_or_sent_to_sign_in_and_do_nothing()
    {
        var random = new Random(2911);
        foreach (var path in Posts)
        {
            foreach (var (name, content) in Bodies(random))
            {
                using (content)
                using (var response = await client.PostAsync(path, content))
                {
                    await AssertNoServerErrorAsync(response, $"POST {path} with {name}");
                    var status = (int)response.StatusCode;
                    // Nothing was done: not a success page, at most a redirect to sign in or a refusal.
                    Assert.True(status is (>= 400 and < 500) or 302 or 303, $"POST {path} with {name}: {status}");
                    if (status is 302 or 303)
                    {
                        Assert.StartsWith("/sign-in", response.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
                    }
                }

            }
        }
    }

    private static IEnumerable<(string Name, HttpContent Content)> Bodies(Random random)
    {
        for (var i = 0; i < 100; i++)
        {
            var fields = Enumerable.Range(0, random.Next(1, 8))
                .Select(_ => new KeyValuePair<string, string>(random.Next(3) == 0 ? "__RequestVerificationToken" : $"Form.{Keys[random.Next(Keys.Length)]}", Value(random)))
                .Append(new KeyValuePair<string, string>("_handler", random.Next(2) == 0 ? "publish" : "request-access"));
            yield return ($"form #{i}", new FormUrlEncodedContent(fields));
        }

        yield return ("JSON", new StringContent("{\"Form\":{\"Title\":\"x\"}}", Encoding.UTF8, "application/json"));
        yield return ("multipart garbage", new ByteArrayContent("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"u8.ToArray()) { Headers = { ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x") } });
        yield return ("invalid UTF-8", new ByteArrayContent([0x61, 0x3D, 0xC3, 0x28, 0xFF]) { Headers = { ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded") } });
        yield return ("2 MiB form", new StringContent("Form.Title=" + new string('a', 2 * 1024 * 1024), Encoding.UTF8, "application/x-www-form-urlencoded"));
        yield return ("10,000 fields", new StringContent(string.Join('&', Enumerable.Range(0, 10_000).Select(n => $"f{n}=1")), Encoding.UTF8, "application/x-www-form-urlencoded"));
    }

    private static string Value(Random random)
    {
        var value = Values[random.Next(Values.Length)];
        return random.Next(10) == 0 ? string.Concat(Enumerable.Repeat(value, random.Next(100, 3000))) : Uri.EscapeDataString(value).Replace("%25zz", "%zz", StringComparison.Ordinal);
    }

    private static async Task AssertNoServerErrorAsync(HttpResponseMessage response, string what)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status < 500, $"{what}: {status} {body[..Math.Min(300, body.Length)]}");
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", body, StringComparison.Ordinal);
    }
}

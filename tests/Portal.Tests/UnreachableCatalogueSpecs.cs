using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Federation.Portal.Tests;

/// <summary>
/// The portal with nothing behind it (the catalogue's address is a closed port): every page still answers, with a
/// message in words and no trace of the failure's internals.
/// </summary>
public sealed class UnreachableCatalogueSpecs : IClassFixture<UnreachableCatalogueSpecs.PortalAlone>
{
    private readonly HttpClient client;

    public UnreachableCatalogueSpecs(PortalAlone portal)
    {
        client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
    }

    [Theory]
    [InlineData("/?q=data&kind=dataset")]
    [InlineData("/expertise")]
    [InlineData("/federation")]
    [InlineData("/resources/0b0e7e48-3f0c-4e7e-9d51-6a7b9b0c1a01")]
    public async Task A_page_says_the_catalogue_cannot_be_reached_and_shows_no_internals(string path)
    {
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("the catalogue cannot be reached right now", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1:1", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://attacker.example/", "/")]
    [InlineData("//attacker.example/", "/")]
    [InlineData("/\\attacker.example/", "/")]
    [InlineData("/federation?x=1", "/federation?x=1")]
    public async Task The_language_switch_only_returns_into_the_portal(string returnUrl, string expected)
    {
        var response = await client.GetAsync($"/language/en?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), cookie => cookie.Contains("c%3Den", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_page_is_a_not_found_page_in_words()
    {
        var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public sealed class PortalAlone : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) =>
            builder.UseSetting("Catalogue:Url", "http://127.0.0.1:1/").UseSetting("Catalogue:Timeout", "00:00:03");
    }
}

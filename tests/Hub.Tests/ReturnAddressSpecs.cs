using Federation.Hub.Identity.Accounts;

namespace Federation.Hub.Tests;

/// <summary>The sign-in forms send people back only to a path on this hub, never to another site.</summary>
public sealed class ReturnAddressSpecs
{
    [Theory]
    [InlineData("/")]
    [InlineData("/connect/authorize?client_id=portal&scope=openid")]
    [InlineData("/account/second-factor?returnUrl=%2F")]
    public void A_path_on_this_hub_is_kept(string url) => Assert.Equal(url, SignInSteps.ReturnUrlOrHome(url));

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("/\t/evil.example/")]
    [InlineData("/\n/evil.example/")]
    [InlineData("/\r\n/evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("evil")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_becomes_the_hubs_home(string? url) => Assert.Equal("/", SignInSteps.ReturnUrlOrHome(url));
}

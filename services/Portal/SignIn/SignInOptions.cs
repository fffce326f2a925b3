using System.ComponentModel.DataAnnotations;

namespace Federation.Portal.SignIn;

/// <summary>How the portal signs people in at their home hub: as which OAuth client, and where hubs send them back.</summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    /// <summary>The portal's own address as browsers reach it; the hubs know <c>{PublicUrl}/signin-oidc</c> as its redirect URI.</summary>
    [Required]
    public Uri PublicUrl { get; set; } = null!;

    [Required]
    public string ClientId { get; set; } = "federation-portal";

    /// <summary>How long a portal session lasts at most, however often its tokens are refreshed.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public Uri RedirectUri => new(PublicUrl, "signin-oidc");
}

using System.Security.Claims;
using System.Text.Encodings.Web;
using Federation.Hub.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Staff;

/// <summary>
/// Development only: a request carrying <c>X-Dev-Staff: name</c> acts as staff of this hub. Outside Development
/// it authenticates nobody, so writes answer 401 until real tokens arrive.
/// </summary>
public sealed class DevelopmentStaffAuthentication(
    IOptionsMonitor<DevelopmentStaffOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<HubOptions> hub) : AuthenticationHandler<DevelopmentStaffOptions>(options, logger, encoder)
{
    public const string SchemeName = "DevelopmentStaff";
    public const string Header = "X-Dev-Staff";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Options.Enabled || !Request.Headers.TryGetValue(Header, out var value))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var name = value.ToString().Trim();
        if (name.Length is 0 or > 100)
        {
            return Task.FromResult(AuthenticateResult.Fail($"{Header} must name the staff member (1 to 100 characters)."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, "hub-staff"), new Claim(StaffAuthorization.HubClaim, hub.Value.Id)],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}

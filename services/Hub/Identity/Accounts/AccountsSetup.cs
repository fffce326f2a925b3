using Federation.Hub.Identity.Store;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Federation.Hub.Identity.Accounts;

/// <summary>How ASP.NET Core Identity keeps the hub's accounts: password policy, lockout, tokens and the session cookies.</summary>
internal static class AccountsSetup
{
    public static WebApplicationBuilder AddHubAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdentityCore<HubAccount>(options =>
            {
                // Length over composition rules (NIST SP 800-63B): twelve characters, anything may be in them.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedEmail = true;
                // The session's claims use the names of the hub's tokens, so the authorization endpoint reads "sub".
                options.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                options.ClaimsIdentity.UserNameClaimType = Claims.Name;
                options.ClaimsIdentity.RoleClaimType = Claims.Role;
                options.ClaimsIdentity.EmailClaimType = Claims.Email;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<IdentityDbContext>()
            .AddUserStore<HubUserStore>()
            .AddSignInManager<HubSignInManager>()
            .AddDefaultTokenProviders();
        builder.Services.AddScoped(services => (HubSignInManager)services.GetRequiredService<SignInManager<HubAccount>>());
        // A password-reset link is good for two hours, and only until the account's security stamp changes (its own use).
        builder.Services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromHours(2));
        // The session cookie is checked against the account on every request it serves (only the authorization
        // endpoint's): a suspension or a new password ends it at once, not after an interval.
        builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        return builder;
    }

    /// <summary>
    /// Identity's cookies under names of this hub (hubs on one machine share a host name): the member's session, and
    /// the few minutes between a right password and the second factor.
    /// </summary>
    public static AuthenticationBuilder AddMemberSessions(this AuthenticationBuilder authentication, string hubId)
    {
        authentication.AddIdentityCookies(cookies =>
        {
            cookies.ApplicationCookie!.Configure(cookie =>
            {
                cookie.Cookie.Name = $"federation-hub-{hubId}";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = "/account/sign-in";
                cookie.LogoutPath = "/account/sign-out";
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
            });
            cookies.TwoFactorUserIdCookie!.Configure(cookie =>
            {
                cookie.Cookie.Name = $"federation-hub-{hubId}-second-step";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            });
            cookies.ExternalCookie!.Configure(cookie => cookie.Cookie.Name = $"federation-hub-{hubId}-external");
            cookies.TwoFactorRememberMeCookie!.Configure(cookie => cookie.Cookie.Name = $"federation-hub-{hubId}-remember");
        });
        return authentication;
    }
}

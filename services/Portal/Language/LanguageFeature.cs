using System.Globalization;
using Federation.Portal.Navigation;
using Microsoft.AspNetCore.Localization;

namespace Federation.Portal.Language;

/// <summary>
/// Dutch and English. A person's choice is kept in a cookie; without one, the browser's preferred language decides,
/// and Dutch is the default of a Dutch federation.
/// </summary>
public static class LanguageFeature
{
    public static readonly string[] Languages = ["nl", "en"];

    public static WebApplicationBuilder AddPortalLanguage(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PortalText>();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(Languages[0]).AddSupportedCultures(Languages).AddSupportedUICultures(Languages);
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return builder;
    }

    public static WebApplication UsePortalLanguage(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }

    /// <summary>GET /language/{code}?returnUrl=… — keeps the choice for a year and goes back to the page it was made on.</summary>
    public static WebApplication MapLanguageSwitch(this WebApplication app)
    {
        app.MapGet("/language/{code}", (string code, string? returnUrl, HttpContext http) =>
        {
            if (!Languages.Contains(code))
            {
                return Results.NotFound();
            }

            var culture = new RequestCulture(CultureInfo.GetCultureInfo(code));
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(culture),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(LocalUrl.OrHome(returnUrl));
        }).ExcludeFromDescription();
        return app;
    }
}

using Federation.Portal.Catalogue;
using Federation.Portal.Components;
using Federation.Portal.ComputeAccess;
using Federation.Portal.Harvest;
using Federation.Portal.Hubs;
using Federation.Portal.Language;
using Federation.Portal.Me;
using Federation.Portal.Security;
using Federation.Portal.SignIn;
using Federation.Portal.Staff;
using Federation.ServiceDefaults.Health;
using Federation.ServiceDefaults.Hosting;
using Federation.ServiceDefaults.Logging;
using Federation.ServiceDefaults.Telemetry;

HealthProbe.RunIfRequested(args);
var builder = WebApplication.CreateBuilder(args);
builder.AddFederationLogging("portal");
builder.AddFederationTelemetry("portal");
builder.Services.AddHealthChecks();
builder.AddPortalLanguage();
builder.AddCatalogueClient();
builder.AddPortalSignIn();
builder.AddHubGateway();
builder.Services.AddSingleton<Federation.Portal.Transparency.FacilityAccounts>();
builder.Services.AddRazorComponents();

var app = builder.Build();
// Behind the ingress, the person's address comes from it: the portal tells it on to the services that trust it.
app.UseTrustedProxies();
app.UsePortalSecurityHeaders();
// A person sees a page that says what went wrong in words, never a stack trace, in every environment.
app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found");
app.UseFederationRequestLogging();
app.UsePortalLanguage();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapFederationHealthEndpoints();
app.MapStaticAssets();
app.MapLanguageSwitch();
app.MapPortalSignIn();
app.MapDownloads();
app.MapStaffDecisions();
app.MapStaffMembership();
app.MapHarvestForms();
app.MapStaffUploads();
app.MapNotificationReading();
app.MapMyData();
app.MapComputeForms();
app.MapUsageImport();
app.MapRazorComponents<App>();
app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;

using Federation.Hub.Access;
using Federation.Hub.Audit;
using Federation.Hub.DemoData;
using Federation.Hub.Faults;
using Federation.Hub.Hosting;
using Federation.Hub.Identity;
using Federation.Hub.Notifications;
using Federation.Hub.Resources;
using Federation.Hub.Sync;
using Federation.Hub.Writes;
using Federation.ServiceDefaults;
using Federation.ServiceDefaults.Health;
using Federation.ServiceDefaults.RateLimiting;

HealthProbe.RunIfRequested(args);
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("hub");
builder.AddHubDatabase();
builder.AddHubWrites();
builder.AddAudit();
builder.AddHubSilo();
builder.AddFederatedIdentity();
builder.AddResources();
builder.AddAccess();
builder.AddNotifications();
builder.AddSync();
builder.AddFaultInjection();
builder.Services.AddHostedService<DemoDataSeeder>();
builder.Services.AddSingleton(TimeProvider.System);

var app = builder.Build();
app.UseServiceDefaults();
app.UseAuthentication();
app.UseFederationRateLimits();
app.UseAuthorization();
app.UseAntiforgery();
app.MapHubInfo();
app.MapFederatedIdentity();
app.MapResources();
app.MapAccess();
app.MapNotifications();
app.MapAuditLog();
app.MapFaultInjection();
app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;

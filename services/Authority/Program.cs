using Federation.Authority;
using Federation.Authority.Members;
using Federation.Authority.Statements;
using Federation.ServiceDefaults;
using Federation.ServiceDefaults.Health;
using Federation.ServiceDefaults.RateLimiting;

HealthProbe.RunIfRequested(args);
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("authority");
builder.AddAuthority();

var app = builder.Build();
app.UseServiceDefaults();
app.UseFederationRateLimits();
app.MapStatements();
app.MapMembers();
app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;

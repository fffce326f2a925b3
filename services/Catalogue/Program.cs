using Federation.Catalogue.AuditHeads;
using Federation.Catalogue.Exports;
using Federation.Catalogue.Identifiers;
using Federation.Catalogue.Lineage;
using Federation.Catalogue.Registry;
using Federation.Catalogue.Resources;
using Federation.Catalogue.Search;
using Federation.Catalogue.Storage;
using Federation.Catalogue.Sync;
using Federation.ServiceDefaults;
using Federation.ServiceDefaults.Health;
using Federation.ServiceDefaults.RateLimiting;

HealthProbe.RunIfRequested(args);
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("catalogue");
builder.AddCatalogueStorage();
builder.AddSync();
builder.AddSearch();
builder.AddResources();
builder.AddExports();
builder.AddIdentifiers();
builder.AddRegistry();
builder.AddAuditHeads();
builder.Services.AddSingleton(TimeProvider.System);

var app = builder.Build();
app.UseServiceDefaults();
app.UseFederationRateLimits();
app.MapSearch();
app.MapResourceDetail();
app.MapLineage();
app.MapExports();
app.MapIdentifiers();
app.MapRegistry();
app.MapAuditHeads();
app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;

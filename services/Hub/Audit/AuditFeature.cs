using Federation.ServiceDefaults.Postgres;

namespace Federation.Hub.Audit;

public static class AuditFeature
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddPostgresSchema("hub-audit", AuditSchema.Steps, readinessProbe: "SELECT 1 FROM hub_audit LIMIT 1");
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<AuditActors>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditedAuthorizationResults>();
        return builder;
    }
}

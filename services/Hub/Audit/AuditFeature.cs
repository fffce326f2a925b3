using Federation.ServiceDefaults.Postgres;

namespace Federation.Hub.Audit;

public static class AuditFeature
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        // Every edit, publication, access decision, grant change, introduction, download and refusal at this hub;
        // append-only by construction: a trigger refuses any UPDATE, DELETE or TRUNCATE, and another chains each
        // record to the one before by its hash, so a history rewritten by whoever owns the database shows.
        builder.Services.AddPostgresSchema("hub-audit", EmbeddedSchema.Steps(typeof(AuditFeature).Assembly, "Audit"), readinessProbe: "SELECT 1 FROM hub_audit_people LIMIT 1");
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<AuditChain>();
        builder.Services.AddSingleton<AuditActors>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditedAuthorizationResults>();
        return builder;
    }
}

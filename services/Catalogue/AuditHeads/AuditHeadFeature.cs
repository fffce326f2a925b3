using Federation.Contracts.Catalogue;
using Federation.ServiceDefaults.Options;
using Marten;

namespace Federation.Catalogue.AuditHeads;

public static class AuditHeadFeature
{
    public static WebApplicationBuilder AddAuditHeads(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AuditHeadOptions>(AuditHeadOptions.Section);
        builder.Services.AddSingleton<AuditHeadKeeper>();
        return builder;
    }

    /// <summary>GET /hubs/{id}/audit-heads: the heads of a hub's audit chain it signed, newest first, each with its proof.</summary>
    public static IEndpointRouteBuilder MapAuditHeads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/hubs/{id}/audit-heads", async (string id, int? limit, IQuerySession session, CancellationToken cancellationToken) =>
        {
            if (limit is < 1 or > 1000)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["'limit' must be between 1 and 1000."] });
            }

            var heads = await session.Query<KeptAuditHead>().Where(head => head.HubId == id)
                .OrderByDescending(head => head.Records).ThenByDescending(head => head.KeptAt).Take(limit ?? 100).ToListAsync(cancellationToken);
            return Results.Ok(heads.Select(head => new PublishedAuditHead(
                head.Records, head.Hash, head.SignedAt, head.KeptAt, head.KeyId, head.Signature, head.SignedMessage, head.Contradicts)).ToList());
        }).WithTags("Hub registry");
        return app;
    }
}

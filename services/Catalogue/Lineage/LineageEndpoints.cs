using Federation.Contracts.Catalogue;
using Federation.Catalogue.Ingest;
using Federation.Contracts;
using Federation.Contracts.Serialization;
using Marten;
using Npgsql;

namespace Federation.Catalogue.Lineage;

public static class LineageEndpoints
{
    /// <summary>GET /resources/{id}/lineage: what a model was trained on, and which models were trained on a dataset.</summary>
    public static IEndpointRouteBuilder MapLineage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/resources/{id:guid}/lineage", async (Guid id, IQuerySession session, NpgsqlDataSource database, CancellationToken cancellationToken) =>
        {
            var entry = await session.LoadAsync<CatalogueEntry>(id, cancellationToken);
            if (entry is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The catalogue holds no resource {id}.");
            }

            var links = entry.Resource.Model?.TrainingDatasets ?? [];
            var targets = await session.LoadManyAsync<CatalogueEntry>(cancellationToken, links.Select(link => link.ResourceId).ToArray());
            var found = targets.ToDictionary(target => target.Id);
            var trainedOn = links.Select(link => Resolve(link.HubId, link.ResourceId, found.GetValueOrDefault(link.ResourceId), ResourceKind.Dataset)).ToList();

            var usedBy = new List<LineageLink>();
            await using (var command = database.CreateCommand("SELECT model_id FROM catalogue_lineage WHERE dataset_id = $1 ORDER BY model_id"))
            {
                command.Parameters.AddWithValue(id);
                var modelIds = new List<Guid>();
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        modelIds.Add(reader.GetGuid(0));
                    }
                }

                foreach (var model in await session.LoadManyAsync<CatalogueEntry>(cancellationToken, modelIds))
                {
                    usedBy.Add(Resolve(model.HubId, model.Id, model, ResourceKind.Model));
                }
            }

            var resource = entry.Resource;
            return Results.Ok(new ResourceLineage(resource.Id, resource.HubId, resource.Kind.ToWireName(), resource.Title, trainedOn, usedBy));
        }).WithTags("Resources");
        return app;
    }

    private static LineageLink Resolve(string hubId, Guid id, CatalogueEntry? target, ResourceKind expected)
    {
        if (target is null)
        {
            return new LineageLink(hubId, id, "missing");
        }

        var resource = target.Resource;
        var status = target.HubId != hubId ? "elsewhere"
            : resource.Kind != expected ? "wrong-kind"
            : resource.State == ResourceState.Withdrawn ? "withdrawn"
            : "available";
        return new LineageLink(target.HubId, id, status, resource.Title, resource.Kind.ToWireName());
    }
}

using Federation.Hub.Audit;
using Federation.Hub.Identity.Authorization;
using Federation.Hub.Resources.Metadata;

namespace Federation.Hub.Resources.Import;

/// <summary>POST /resources/import/model-card: staff turn a Hugging Face style model card into a draft model.</summary>
public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImports(this IEndpointRouteBuilder app)
    {
        app.MapPost("/resources/import/model-card", ImportModelCardAsync)
            .WithTags("Resources").RequireAuthorization(HubAuthorization.Staff).Accepts<string>("text/markdown");
        return app;
    }

    private static async Task<IResult> ImportModelCardAsync(
        HttpContext http, string? publisher, string? accessPolicy, IGrainFactory grains, TrainingLinkCheck links, AuditActors actors,
        CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (text.Trim().Length == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send the model card (Markdown with YAML front matter) as the body."] });
        }

        var import = ModelCardReader.Read(text, publisher, accessPolicy);
        var (content, errors) = ResourceValidator.Validate(import.Input);
        if (content is not null)
        {
            errors = await links.CheckAsync(content, cancellationToken);
        }

        if (content is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, extensions: new Dictionary<string, object?> { ["notes"] = import.Notes });
        }

        var id = Guid.CreateVersion7();
        var outcome = await grains.GetGrain<IResourceGrain>(id).CreateDraft(content, actors.Of(http.User));
        return outcome.Status == OutcomeStatus.Ok
            ? TypedResults.Created($"/resources/{id}", new { resource = outcome.Resource, notes = import.Notes })
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not created", detail: outcome.Problem);
    }
}

using Federation.Contracts.Hub;
using Federation.Hub.Audit;
using Federation.Hub.Identity.Authorization;
using Federation.Hub.Resources.Metadata;
using Federation.Rdf;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Federation.Hub.Resources.Import;

/// <summary>
/// POST /resources/import/model-card and /resources/import/dcat-ap: staff turn a Hugging Face style model card into a
/// draft model, or a DCAT-AP description (JSON-LD, Turtle or RDF/XML, by Content-Type or else by its first characters)
/// into a draft dataset.
/// </summary>
public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImports(this IEndpointRouteBuilder app)
    {
        app.MapPost("/resources/import/model-card", ImportModelCardAsync)
            .WithTags("Resources").RequireAuthorization(HubAuthorization.Staff).Accepts<string>("text/markdown");
        app.MapPost("/resources/import/dcat-ap", ImportDcatApAsync)
            .WithTags("Resources").RequireAuthorization(HubAuthorization.Staff).Accepts<string>("application/ld+json", "text/turtle", "application/rdf+xml", "text/plain", "application/octet-stream");
        return app;
    }

    private static async Task<IResult> ImportDcatApAsync(
        HttpContext http, string? accessPolicy, string? licence, string? publisher, bool? dryRun, IGrainFactory grains, TrainingLinkCheck links,
        AuditActors actors, CancellationToken cancellationToken)
    {
        var named = RdfSyntaxes.FromMediaType(http.Request.ContentType);
        if (named is null && !IsUnnamed(http.Request.ContentType))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"A DCAT-AP description is read as {string.Join(", ", Enum.GetValues<RdfSyntax>().Select(s => s.MediaType()))}; '{http.Request.ContentType}' is none of them.");
        }

        RdfGraph graph;
        try
        {
            var text = await ReadTextAsync(http.Request, "A DCAT-AP description", cancellationToken);
            graph = (named ?? RdfSyntaxes.Sniff(text)).Read(text);
        }
        catch (Exception exception) when (exception is FormatException or InvalidDataException)
        {
            return BodyProblem($"Send a DCAT-AP description as JSON-LD, Turtle or RDF/XML: {exception.Message}");
        }

        var (input, notes, problem) = DcatApReader.Read(graph, accessPolicy);
        if (input is null)
        {
            return BodyProblem(problem!);
        }

        // What the description lacks (or names in a way the federation does not use) staff may give beside it.
        input = input with { Licence = licence ?? input.Licence, Publisher = input.Publisher ?? publisher };
        return await CreateDraftAsync(input, notes, dryRun == true, http, grains, links, actors, cancellationToken);
    }

    // A body sent without saying what it is (or as plain text or bytes) is known by its first characters.
    private static bool IsUnnamed(string? contentType) =>
        contentType?.Split(';')[0].Trim().ToLowerInvariant() is null or "" or "text/plain" or "application/octet-stream";

    private static ValidationProblem BodyProblem(string problem) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [problem] });

    // A description or a model card is metadata, not data: a few MiB is far more than any needs, and the text is
    // parsed in memory. Bytes that are not UTF-8 are refused rather than silently replaced.
    private static async Task<string> ReadTextAsync(HttpRequest request, string what, CancellationToken cancellationToken)
    {
        const int MaxChars = 4 * 1024 * 1024;
        using var reader = new StreamReader(request.Body, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
        var text = new System.Text.StringBuilder();
        var chunk = new char[64 * 1024];
        int read;
        try
        {
            while ((read = await reader.ReadAsync(chunk, cancellationToken)) > 0)
            {
                text.Append(chunk, 0, read);
                if (text.Length > MaxChars)
                {
                    throw new InvalidDataException($"{what} may have at most {MaxChars} characters.");
                }
            }
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new InvalidDataException($"{what} must be valid UTF-8.");
        }

        return text.ToString();
    }

    private static async Task<IResult> ImportModelCardAsync(
        HttpContext http, string? publisher, string? accessPolicy, bool? dryRun, IGrainFactory grains, TrainingLinkCheck links, AuditActors actors,
        CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await ReadTextAsync(http.Request, "A model card", cancellationToken);
        }
        catch (InvalidDataException exception)
        {
            return BodyProblem(exception.Message);
        }

        if (text.Trim().Length == 0)
        {
            return BodyProblem("Send the model card (Markdown with YAML front matter) as the body.");
        }

        var import = ModelCardReader.Read(text, publisher, accessPolicy);
        return await CreateDraftAsync(import.Input, import.Notes, dryRun == true, http, grains, links, actors, cancellationToken);
    }

    // An import is validated and checked exactly as if staff had typed it, and lands as a draft for them to review.
    // A dry run (?dryRun=true) stops after the checks and answers with the draft as read, storing nothing.
    private static async Task<IResult> CreateDraftAsync(
        ResourceInput input, IReadOnlyList<string> notes, bool dryRun, HttpContext http, IGrainFactory grains, TrainingLinkCheck links, AuditActors actors,
        CancellationToken cancellationToken)
    {
        var (content, errors) = ResourceValidator.Validate(input);
        if (content is not null)
        {
            (content, errors) = await links.CheckAsync(content, cancellationToken);
        }

        if (content is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, extensions: new Dictionary<string, object?> { ["notes"] = notes });
        }

        if (dryRun)
        {
            return TypedResults.Ok(new ImportCheck(true, content.Title, notes, input));
        }

        var id = Guid.CreateVersion7();
        var outcome = await grains.GetGrain<IResourceGrain>(id).CreateDraft(content, actors.Of(http.User));
        return outcome.Status == OutcomeStatus.Ok
            ? TypedResults.Created($"/resources/{id}", new ImportedResource(outcome.Resource!, notes))
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not created", detail: outcome.Problem);
    }
}

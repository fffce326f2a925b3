using System.Text;
using Federation.Catalogue.Exports;
using Federation.Catalogue.Ingest;
using Federation.Catalogue.Registry;
using Federation.Catalogue.Resources;
using Federation.Contracts;
using Marten;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace Federation.Catalogue.Identifiers;

/// <summary>
/// GET /id/{hub}/{resource}: a resource's persistent URI, resolved. A browser is sent (303 See Other) to the resource's
/// page in the portal; a program gets the form its Accept header prefers (DCAT-AP as JSON-LD, Turtle or N-Triples,
/// schema.org, Croissant, a model card, the catalogue's JSON, a BibTeX entry or an APA citation), or the one a
/// <c>format</c> parameter names, for links that cannot set headers; other parameters (a tracker's, say) are ignored,
/// so a cited URI resolves however it was passed on. The URI names the hub only to be readable: a URI with another
/// spelling of the hub or the id redirects permanently to the canonical one. A withdrawn resource keeps its page, its
/// record and its citations, and answers 410 Gone for its descriptions, so a link still leads somewhere that says what
/// became of it.
/// </summary>
public static class IdentifierEndpoints
{
    public static WebApplicationBuilder AddIdentifiers(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentifierOptions>().Bind(builder.Configuration.GetSection(IdentifierOptions.Section))
            .Validate(options => IdentifierOptions.IsUsable(options.BaseUrl), "Identifiers:BaseUrl must be an absolute http(s) address without query or fragment, e.g. https://catalogus.federatie.example/.")
            .Validate(options => IdentifierOptions.IsUsable(options.PortalUrl), "Identifiers:PortalUrl must be an absolute http(s) address without query or fragment, e.g. https://portal.federatie.example/.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PersistentUris>();
        return builder;
    }

    public static IEndpointRouteBuilder MapIdentifiers(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/id/{hub}/{id}", [HttpMethods.Get, HttpMethods.Head], ResolveAsync).WithTags("Identifiers");
        return app;
    }

    private static async Task<IResult> ResolveAsync(
        string hub, string id, HttpContext http, IQuerySession session, ResourceDocuments documents, PersistentUris uris,
        IOptions<IdentifierOptions> options, NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        if (HttpMethods.IsHead(http.Request.Method))
        {
            // HEAD answers with GET's status and headers; whatever server runs this, no body leaves.
            http.Response.Body = Stream.Null;
        }

        var entry = Guid.TryParseExact(id, "D", out var resourceId) ? await session.LoadAsync<CatalogueEntry>(resourceId, cancellationToken) : null;
        if (entry is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: $"No resource of the federation has the identifier '{id}'.");
        }

        var canonical = uris.For(http.Request, entry.HubId, entry.Id);
        if (!string.Equals(hub, entry.HubId, StringComparison.Ordinal) || !string.Equals(id, entry.Id.ToString("D"), StringComparison.Ordinal))
        {
            return Results.Redirect(new Uri(canonical, http.Request.QueryString.Value).AbsoluteUri, permanent: true);
        }

        var resource = entry.Resource;
        var offered = ResourceForm.All.Where(form => form.IsFor(resource.Kind) && (form != ResourceForm.Page || options.Value.PortalUrl is not null)).ToList();
        ResourceForm? form;
        if (http.Request.Query.TryGetValue("format", out var format))
        {
            form = offered.FirstOrDefault(f => f.Format == format.ToString());
            if (form is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["format"] = [$"'{format}' is not a form this {ResourceCitations.KindDescription(resource.Kind).ToLowerInvariant()} is offered in. Offered: {string.Join(", ", offered.Select(f => f.Format))}."],
                });
            }
        }
        else
        {
            form = FormNegotiation.Choose(http.Request.Headers.Accept, offered);
            if (form is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status406NotAcceptable, title: "Not acceptable",
                    detail: $"This resource is offered as {string.Join(", ", offered.Select(f => f.ContentType))}; the request accepts none of them.");
            }
        }

        Describe(http.Response, canonical, offered);
        if (form == ResourceForm.Page)
        {
            // 303: the page is about the resource, not the resource itself.
            http.Response.Headers.Location = new Uri(IdentifierOptions.AsBase(options.Value.PortalUrl!), $"resources/{entry.Id}").AbsoluteUri;
            return Results.StatusCode(StatusCodes.Status303SeeOther);
        }

        var hubRecord = await session.LoadAsync<HubRecord>(entry.HubId, cancellationToken);
        var hubName = hubRecord?.DisplayName ?? entry.HubId;
        if (form == ResourceForm.CatalogueJson)
        {
            return Results.Json(await ResourceEndpoints.DescribeAsync(entry, hubRecord, canonical, database, cancellationToken));
        }

        if (form == ResourceForm.BibTex)
        {
            // Asked for by a link (format=bibtex), the entry is a file to save, as reference managers import it.
            if (format.Count > 0)
            {
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{ResourceCitations.Key(resource)}.bib\"";
            }

            return Results.Text(ResourceCitations.Of(resource, hubName, canonical).BibTex + "\n", "application/x-bibtex; charset=utf-8");
        }

        if (form == ResourceForm.Apa)
        {
            return Results.Text(ResourceCitations.Of(resource, hubName, canonical).Apa + "\n", "text/x-bibliography; style=apa; charset=utf-8");
        }

        if (entry.State != ResourceState.Published)
        {
            return Results.Problem(statusCode: StatusCodes.Status410Gone, title: "Withdrawn",
                detail: $"Its hub withdrew this resource{(resource.WithdrawnAt is { } at ? $" on {at:yyyy-MM-dd}" : "")}{(resource.WithdrawalReason is { Length: > 0 } reason ? $": {reason}" : ".")} Its page, its record (format=json) and its citations remain.");
        }

        return form switch
        {
            _ when form == ResourceForm.DcatApJsonLd => await documents.DcatApAsync(http.Request, session, entry, ResourceDocuments.Syntax.JsonLd, cancellationToken),
            _ when form == ResourceForm.DcatApTurtle => await documents.DcatApAsync(http.Request, session, entry, ResourceDocuments.Syntax.Turtle, cancellationToken),
            _ when form == ResourceForm.DcatApNTriples => await documents.DcatApAsync(http.Request, session, entry, ResourceDocuments.Syntax.NTriples, cancellationToken),
            _ when form == ResourceForm.SchemaOrg => documents.DatasetDocument(http.Request, entry, hubRecord, croissant: false),
            _ when form == ResourceForm.Croissant => documents.DatasetDocument(http.Request, entry, hubRecord, croissant: true),
            _ => ResourceDocuments.ModelCard(entry, hubRecord),
        };
    }

    // Caches keep one answer per Accept; the canonical URI and every other form are named, so a program that got one
    // form can find the rest without guessing.
    private static void Describe(HttpResponse response, Uri canonical, IReadOnlyList<ResourceForm> offered)
    {
        response.Headers.Vary = HeaderNames.Accept;
        var links = new StringBuilder($"<{canonical.AbsoluteUri}>; rel=\"canonical\"");
        foreach (var form in offered)
        {
            links.Append($", <{canonical.AbsoluteUri}?format={Uri.EscapeDataString(form.Format)}>; rel=\"alternate\"; type=\"{form.MediaType}\"");
            if (form.Parameter == "profile")
            {
                links.Append($"; profile=\"{form.ParameterValue}\"");
            }
        }

        response.Headers.Link = links.ToString();
    }
}

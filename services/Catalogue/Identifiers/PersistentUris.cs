using Microsoft.Extensions.Options;

namespace Federation.Catalogue.Identifiers;

/// <summary>
/// The persistent URI of a resource: <c>{base}id/{hub}/{resource}</c>. It names the resource by the two things that
/// never change, its hub's id and its own id, so a new title or a new page leaves it as it was; the catalogue resolves
/// it by the resource's id alone, so even a hub named wrongly finds its way.
/// </summary>
public sealed class PersistentUris(IOptions<IdentifierOptions> options)
{
    public Uri BaseFor(HttpRequest request) =>
        IdentifierOptions.AsBase(options.Value.BaseUrl ?? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/"));

    public Uri For(HttpRequest request, string hubId, Guid id) => Of(BaseFor(request), hubId, id);

    public static Uri Of(Uri identifierBase, string hubId, Guid id) =>
        new(IdentifierOptions.AsBase(identifierBase), $"id/{Uri.EscapeDataString(hubId)}/{id:D}");
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Contracts;
using Federation.Contracts.Catalogue;
using Federation.Contracts.Serialization;
using Federation.Hub.Identity.TrustList;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Membership;

/// <summary>
/// Asks the catalogue about a resource of another hub: which hub holds it and what it is. What the catalogue holds
/// came from signed events of the owning hub, so its answer about the owner can be relied on; each caller decides what
/// an unreachable catalogue means for it.
/// </summary>
public sealed class CatalogueLookup(IHttpClientFactory httpClients, IOptions<FederationOptions> federation)
{
    /// <summary>Whether a catalogue is configured to ask.</summary>
    public bool Configured => federation.Value.CatalogueUrl is not null;

    /// <summary>
    /// The resource as the catalogue holds it, or null when it holds none of that id (or no catalogue is configured).
    /// Throws <see cref="HttpRequestException"/>, <see cref="JsonException"/> or <see cref="TaskCanceledException"/>
    /// when the catalogue cannot answer.
    /// </summary>
    public async Task<ResourceSnapshot?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        if (federation.Value.CatalogueUrl is not { } catalogue)
        {
            return null;
        }

        using var response = await httpClients.CreateClient(IssuerKeys.HttpClientName).GetAsync(new Uri(catalogue, $"resources/{id}"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CatalogueResource>(FederationJson.Options, cancellationToken))?.Resource
            ?? throw new JsonException("The catalogue answered without a resource.");
    }
}

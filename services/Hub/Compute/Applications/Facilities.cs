using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Clients.Registration;
using Federation.Contracts.Compute;
using Federation.Contracts.Serialization;
using Federation.Hub.Identity.TrustList;
using Federation.ServiceDefaults.Membership;
using Federation.Trust;

namespace Federation.Hub.Compute.Applications;

/// <summary>
/// The compute facilities of the federation as the authority vouches for them, and their calls as they publish them
/// at their own API: a member's application is checked against the call the facility itself says is open.
/// </summary>
public sealed partial class Facilities(FederationMembers members, PeerUrlRule urls, IHttpClientFactory httpClients, ILogger<Facilities> logger)
{
    /// <summary>The facility's API, when the authority vouches for <paramref name="facilityId"/> as a facility now.</summary>
    public Uri? ApiOf(string facilityId) =>
        members.Find(facilityId) is { Member: { Kind: MemberMetadata.FacilityKind } member } && urls.Allows(member.ApiBaseUrl) ? member.ApiBaseUrl : null;

    /// <summary>
    /// The call as the facility publishes it, or null when it has none of that id. Throws
    /// <see cref="HttpRequestException"/>, <see cref="JsonException"/> or <see cref="TaskCanceledException"/> when the
    /// facility cannot answer.
    /// </summary>
    public async Task<ComputeCall?> CallAsync(Uri facilityApi, Guid callId, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await httpClients.CreateClient(IssuerKeys.HttpClientName).GetAsync(new Uri(facilityApi, $"calls/{callId}"), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<ComputeCall>(FederationJson.Options, cancellationToken)
                ?? throw new JsonException("The facility answered without a call.");
        }
        catch (Exception exception) when (Unreachable.Is(exception, cancellationToken))
        {
            LogUnanswered(logger, facilityApi, exception);
            throw;
        }
    }

    [LoggerMessage(LogLevel.Warning, "The facility at {FacilityApi} did not tell its call")]
    private static partial void LogUnanswered(ILogger logger, Uri facilityApi, Exception exception);
}

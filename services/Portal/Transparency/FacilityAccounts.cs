using System.Net.Http.Json;
using Federation.Clients.Registration;
using Federation.Contracts.Compute;
using Federation.Contracts.Serialization;
using Federation.Portal.Hubs;
using Federation.ServiceDefaults.Membership;
using Federation.Trust;

namespace Federation.Portal.Transparency;

/// <summary>
/// The open accounting of every compute facility the authority vouches for now, read from each facility's own API
/// (anyone may): the portal shows it, and holds none of it. A facility that does not answer is listed as such.
/// </summary>
public sealed partial class FacilityAccounts(FederationMembers members, PeerUrlRule urls, IHttpClientFactory httpClients, ILogger<FacilityAccounts> logger)
{
    public async Task<IReadOnlyList<FacilityFigures>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var facilities = members.Trusted
            .Where(member => member.Member.Kind == MemberMetadata.FacilityKind && urls.Allows(member.Member.ApiBaseUrl))
            .OrderBy(member => member.Member.DisplayName, StringComparer.CurrentCulture)
            .ToList();
        return await Task.WhenAll(facilities.Select(async facility =>
        {
            var api = facility.Member.ApiBaseUrl;
            try
            {
                var accounting = await httpClients.CreateClient(HubGateway.HttpClientName)
                    .GetFromJsonAsync<FacilityAccounting>(new Uri(api, "transparency"), FederationJson.Options, cancellationToken);
                return new FacilityFigures(facility.Member.MemberId, facility.Member.DisplayName, api, accounting is null ? null : new AccountingFigures(accounting.Rows),
                    accounting?.DescribedBy);
            }
            catch (Exception exception) when (exception is HttpRequestException or System.Text.Json.JsonException
                || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                LogUnreachable(logger, facility.Member.MemberId, exception.Message);
                return new FacilityFigures(facility.Member.MemberId, facility.Member.DisplayName, api, null);
            }
        }));
    }

    [LoggerMessage(LogLevel.Warning, "The open accounting of {FacilityId} could not be read: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string facilityId, string reason);
}

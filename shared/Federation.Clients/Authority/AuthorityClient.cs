using Federation.Clients.Results;
using Federation.Contracts.Authority;

namespace Federation.Clients.Authority;

/// <summary>
/// The federation authority's API, typed: the operators' membership changes (with their secret as the bearer token)
/// and the signed statements anyone may read. Writes are never retried: each one is a decision the audit log records.
/// </summary>
public sealed class AuthorityClient(HttpClient http, string? adminSecret = null)
{
    private readonly JsonApi api = new(http, adminSecret is null ? null : _ => ValueTask.FromResult<string?>(adminSecret));

    public Task<ApiResult<List<FederationMember>>> MembersAsync(CancellationToken cancellationToken) =>
        api.SendAsync<List<FederationMember>>(HttpMethod.Get, "members", null, cancellationToken);

    /// <summary>PUT /members/{id}: admits the member, or changes what is recorded of it (its keys during a rollover).</summary>
    public Task<ApiResult<FederationMember>> AdmitAsync(string memberId, MemberAdmission admission, CancellationToken cancellationToken) =>
        api.SendAsync<FederationMember>(HttpMethod.Put, $"members/{Uri.EscapeDataString(memberId)}", JsonApi.Json(admission), cancellationToken);

    public Task<ApiResult<FederationMember>> SuspendAsync(string memberId, string reason, CancellationToken cancellationToken) =>
        ChangeAsync(memberId, "suspend", reason, cancellationToken);

    public Task<ApiResult<FederationMember>> ReinstateAsync(string memberId, string reason, CancellationToken cancellationToken) =>
        ChangeAsync(memberId, "reinstate", reason, cancellationToken);

    public Task<ApiResult<FederationMember>> RemoveAsync(string memberId, string reason, CancellationToken cancellationToken) =>
        ChangeAsync(memberId, "remove", reason, cancellationToken);

    /// <summary>GET /list: the entity ids of the active members.</summary>
    public Task<ApiResult<List<string>>> ListAsync(CancellationToken cancellationToken) =>
        api.SendAsync<List<string>>(HttpMethod.Get, "list", null, cancellationToken);

    /// <summary>GET /fetch?sub=: the authority's signed statement about one member (a JWT, as text).</summary>
    public Task<ApiResult<string>> FetchAsync(Uri entityId, CancellationToken cancellationToken) =>
        api.SendAsync<string>(HttpMethod.Get, "fetch" + JsonApi.Query(("sub", entityId.AbsoluteUri.TrimEnd('/'))), null, cancellationToken);

    private Task<ApiResult<FederationMember>> ChangeAsync(string memberId, string change, string reason, CancellationToken cancellationToken) =>
        api.SendAsync<FederationMember>(HttpMethod.Post, $"members/{Uri.EscapeDataString(memberId)}/{change}", JsonApi.Json(new MemberChange(reason)), cancellationToken);
}

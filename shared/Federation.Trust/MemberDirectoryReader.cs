using System.Net.Http.Json;
using System.Text.Json;

namespace Federation.Trust;

/// <summary>
/// Reads the federation's members from the authority as OpenID Federation 1.0 publishes them (<c>/list</c>, then
/// <c>/fetch?sub=</c> for each) and checks every chain against the configured <see cref="TrustAnchor"/> alone. Where a
/// member's own entity configuration can be read, it must hold too (signed with a key the authority vouches for,
/// naming the authority); a member that cannot be reached is judged by the authority's statement only, because its
/// being offline must not make the rest of the federation forget it. A member confirmed so before with the same keys
/// is not asked again on every read.
/// </summary>
public static class MemberDirectoryReader
{
    public const string EntityConfigurationPath = ".well-known/openid-federation";

    /// <summary>
    /// The members whose chains hold. Throws <see cref="HttpRequestException"/> or <see cref="JsonException"/> when
    /// the authority cannot be read at all, so that the caller keeps what it had rather than trusting nobody.
    /// </summary>
    /// <param name="confirmWithMembers">Whether each member's own entity configuration is read too; false reads the authority alone.</param>
    public static async Task<MemberDirectory> ReadAsync(
        HttpClient http, Uri authorityUrl, TrustAnchor anchor, MemberDirectory previous, TimeProvider clock, CancellationToken cancellationToken,
        bool confirmWithMembers = true)
    {
        var listed = await http.GetFromJsonAsync<List<string>>(new Uri(Base(authorityUrl), "list"), cancellationToken)
            ?? throw new JsonException("The authority's list is empty.");
        var reads = listed.Distinct(StringComparer.Ordinal).Select(async id =>
        {
            if (!Uri.TryCreate(id, UriKind.Absolute, out var entityId))
            {
                return TrustChainResult.Refused($"'{id}' on the authority's list is no entity id.");
            }

            using var fetched = await http.GetAsync(new Uri(Base(authorityUrl), $"fetch?sub={Uri.EscapeDataString(EntityIds.Normal(entityId))}"), cancellationToken);
            if (fetched.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Suspended or removed between the list and the fetch.
                return TrustChainResult.Refused($"The authority has no statement about {entityId}.");
            }

            // Any other failure fails the whole read: a half-read directory must not replace a whole one.
            fetched.EnsureSuccessStatusCode();
            var statement = await fetched.Content.ReadAsStringAsync(cancellationToken);
            var result = await TrustChains.VerifyAsync(anchor, statement, entityConfiguration: null, clock);
            if (result.Member is { } vouched && confirmWithMembers)
            {
                var confirmedBefore = previous.Members.Any(member => member.SelfConfirmed && EntityIds.Same(member.EntityId, entityId) && member.KeyIds == vouched.KeyIds);
                if (confirmedBefore)
                {
                    result = TrustChainResult.Trusted(vouched with { SelfConfirmed = true });
                }
                else if (await EntityConfigurationAsync(http, entityId, cancellationToken) is { } configuration)
                {
                    result = await TrustChains.VerifyAsync(anchor, statement, configuration, clock);
                }
            }

            return result.Member is { } member && !EntityIds.Same(member.EntityId, entityId)
                ? TrustChainResult.Refused($"The authority was asked about {entityId} and answered about {member.EntityId}.")
                : result;
        });
        var results = await Task.WhenAll(reads);
        return MemberDirectory.Of(results, clock.GetUtcNow());
    }

    /// <summary>
    /// Statements kept from an earlier read, checked again as if new: only those still signed by the anchor and not
    /// expired count. A stored copy is never trusted for being stored.
    /// </summary>
    public static async Task<MemberDirectory> VerifyStoredAsync(IEnumerable<string> statements, TrustAnchor anchor, TimeProvider clock)
    {
        var results = new List<TrustChainResult>();
        foreach (var statement in statements)
        {
            results.Add(await TrustChains.VerifyAsync(anchor, statement, entityConfiguration: null, clock));
        }

        return MemberDirectory.Of(results, clock.GetUtcNow());
    }

    private static async Task<string?> EntityConfigurationAsync(HttpClient http, Uri entityId, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(Base(entityId), EntityConfigurationPath), cancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(cancellationToken) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static Uri Base(Uri url) => url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}

using Federation.Hub.Hosting;
using Federation.ServiceDefaults.Membership;
using Federation.Trust;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Membership;

/// <summary>
/// The hub's own entity configuration (OpenID Federation 1.0): signed with its federation key, it names the hub's
/// keys and the authority that vouches for it. Anyone checking the hub's chain reads it at
/// <c>/.well-known/openid-federation</c>; what the hub is, they take from the authority's statement alone.
/// </summary>
public sealed class EntityConfiguration(FederationKeyRing keys, IOptions<HubOptions> hub, IOptions<MembershipOptions> membership, TimeProvider clock)
{
    /// <summary>Short: the hub signs a new one on every read, so a key it drops stops being named within this time.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public string Signed()
    {
        var self = hub.Value;
        var now = clock.GetUtcNow();
        var authority = membership.Value.EntityId ?? membership.Value.Url;
        var statement = new EntityStatement(
            self.PublicUrl!, self.PublicUrl!, now, now + Lifetime, keys.Published,
            new MemberMetadata(self.Id, self.DisplayName, self.Kind, self.PublicUrl!, self.PublicUrl!),
            authority is null ? [] : [authority]);
        return EntityStatements.Sign(statement, keys.Signing.SigningKey);
    }
}

using Federation.Authority.Members;
using Federation.Trust;
using Microsoft.Extensions.Options;

namespace Federation.Authority.Statements;

/// <summary>
/// Signs what the authority says: its own entity configuration (its keys), and for each active member a subordinate
/// statement (the member's keys and what it is), valid for <see cref="AuthorityOptions.StatementLifetime"/> from now.
/// </summary>
public sealed class StatementIssuer(FederationKeyRing keys, IOptions<AuthorityOptions> options, TimeProvider clock)
{
    public Uri EntityId => options.Value.EntityId!;

    public string OwnConfiguration()
    {
        var now = clock.GetUtcNow();
        return EntityStatements.Sign(new EntityStatement(EntityId, EntityId, now, now + options.Value.StatementLifetime, keys.Published, null, []), keys.Signing.SigningKey);
    }

    public string About(MemberRecord member)
    {
        var now = clock.GetUtcNow();
        var statement = new EntityStatement(
            EntityId, member.EntityId, now, now + options.Value.StatementLifetime,
            [.. member.PublicKeys.Select(FederationKey.PublicFromPem)],
            new MemberMetadata(member.MemberId, member.DisplayName, member.Kind, member.Issuer, member.ApiBaseUrl),
            []);
        return EntityStatements.Sign(statement, keys.Signing.SigningKey);
    }
}

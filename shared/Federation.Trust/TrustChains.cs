namespace Federation.Trust;

/// <summary>
/// Checks a member's trust chain: the authority's statement about it, signed with a key of the configured
/// <see cref="TrustAnchor"/> and current, and (when the member could be reached) the member's own entity
/// configuration, signed with a key the authority vouches for and naming the authority. What the member is (its id,
/// issuer, API) is taken from the authority's statement only: a member cannot describe itself into something else.
/// </summary>
public static class TrustChains
{
    public static async Task<TrustChainResult> VerifyAsync(TrustAnchor anchor, string authorityStatement, string? entityConfiguration, TimeProvider clock)
    {
        var vouched = await EntityStatements.ReadAsync(authorityStatement, anchor.Keys, anchor.EntityId, subject: null, clock);
        if (vouched.Statement is not { } statement)
        {
            return TrustChainResult.Refused($"The authority's statement is refused: {vouched.Refusal}.");
        }

        if (statement.IsSelfSigned || statement.Member is not { } member)
        {
            return TrustChainResult.Refused($"The authority's statement about {statement.Subject} names no member.");
        }

        if (statement.Keys.Count == 0)
        {
            return TrustChainResult.Refused($"The authority's statement about {member.MemberId} names no federation key.");
        }

        if (entityConfiguration is not null)
        {
            var own = await EntityStatements.ReadAsync(entityConfiguration, statement.Keys, statement.Subject, statement.Subject, clock);
            if (own.Statement is not { } configuration)
            {
                return TrustChainResult.Refused($"The entity configuration of {member.MemberId} is refused: {own.Refusal}.");
            }

            if (!configuration.AuthorityHints.Any(hint => EntityIds.Same(hint, anchor.EntityId)))
            {
                return TrustChainResult.Refused($"The entity configuration of {member.MemberId} does not name the federation authority.");
            }
        }

        return TrustChainResult.Trusted(new TrustedMember(statement.Subject, member, statement.Keys, statement.ExpiresAt, authorityStatement) { SelfConfirmed = entityConfiguration is not null });
    }
}

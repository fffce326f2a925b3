namespace Federation.Trust;

/// <summary>
/// What the federation authority says about a member: its id in the federation (the hub id), the name people see,
/// what kind of member it is (a hub, or a compute facility such as an AI factory), the issuer of its tokens and where its API is.
/// Carried in an entity statement as the metadata of type <see cref="EntityStatements.MetadataType"/>.
/// </summary>
public sealed record MemberMetadata(string MemberId, string DisplayName, string Kind, Uri Issuer, Uri ApiBaseUrl)
{
    public const string HubKind = "hub";

    /// <summary>A compute facility: publishes compute offers and decides applications for them.</summary>
    public const string FacilityKind = "facility";
}

namespace Federation.Catalogue.Registry;

/// <summary>Which hubs make up the federation (section <c>Registry</c>): set by whoever runs the federation.</summary>
public sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>
    /// The ids of the hubs whose issuers go on the trust list. A hub that announces itself but is not listed here is
    /// shown in the registry, and its resources are catalogued, but no other hub will accept its tokens.
    /// </summary>
    public List<string> FederationHubs { get; set; } = [];
}

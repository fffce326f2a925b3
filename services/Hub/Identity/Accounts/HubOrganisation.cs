namespace Federation.Hub.Identity.Accounts;

/// <summary>An organisation the hub's members belong to: a company (with its KvK number), a university, an institute.</summary>
public sealed class HubOrganisation
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public OrganisationType Type { get; set; }

    /// <summary>The Dutch Chamber of Commerce number of a company: eight digits.</summary>
    public string? KvkNumber { get; set; }

    /// <summary>The e-mail and identity domains of an institution (e.g. <c>rug.nl</c>), lower-case.</summary>
    public List<string> Domains { get; set; } = [];

    public Organisation ToOrganisation() => new(Id, Name, Type);
}

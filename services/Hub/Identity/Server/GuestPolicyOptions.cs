namespace Federation.Hub.Identity.Server;

/// <summary>Who may enter this hub as a guest, and as what (section <c>Identity:Guests</c>).</summary>
public sealed class GuestPolicyOptions
{
    public const string Section = "Identity:Guests";

    /// <summary>Organisation types whose members are guest researchers here (beside being guests).</summary>
    public List<string> ResearcherOrganisationTypes { get; set; } = ["university", "research-institute"];

    /// <summary>Hubs on the trust list whose members this hub nevertheless does not admit as guests.</summary>
    public List<string> RefusedHubs { get; set; } = [];
}

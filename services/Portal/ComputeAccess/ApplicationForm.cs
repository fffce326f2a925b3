using Federation.Contracts.Compute;
using Federation.Contracts.Hub;

namespace Federation.Portal.ComputeAccess;

/// <summary>
/// An application for compute as a member fills it in on the portal. The federation resources it will use are typed one
/// per line, as hub/resource-id or as the resource's page address (its hub is then looked up in the catalogue);
/// countries are comma-separated. The home hub validates; its reasons come back by field and are shown next to each.
/// </summary>
public sealed class ApplicationForm
{
    /// <summary>The application being changed after home staff sent it back; none for a new one.</summary>
    public Guid? ApplicationId { get; set; }

    public string? FacilityId { get; set; }
    public Guid? CallId { get; set; }
    public string? Project { get; set; }
    public string? Summary { get; set; }
    public long? RequestedHours { get; set; }
    public DateOnly? PeriodStart { get; set; }
    public DateOnly? PeriodEnd { get; set; }
    public string? OrganisationType { get; set; }
    public string? Sector { get; set; }
    public string? Province { get; set; }
    public bool NameOrganisationPublicly { get; set; }
    public string? Resources { get; set; }
    public string? AiActRiskClass { get; set; }
    public string? PersonalData { get; set; }
    public string? PersonalDataCountries { get; set; }

    public static ApplicationForm For(ComputeCall call) => new()
    {
        FacilityId = call.FacilityId,
        CallId = call.Id,
        PeriodStart = call.AllocationStart,
        PeriodEnd = call.AllocationEnd,
        OrganisationType = call.Eligibility.Count == 1 ? call.Eligibility[0] : null,
    };

    /// <summary>An application sent back, as it was, to be changed and sent again.</summary>
    public static ApplicationForm Of(ComputeApplication application) => new()
    {
        ApplicationId = application.Id,
        FacilityId = application.FacilityId,
        CallId = application.CallId,
        Project = application.Project,
        Summary = application.Summary,
        RequestedHours = application.RequestedHours,
        PeriodStart = application.PeriodStart,
        PeriodEnd = application.PeriodEnd,
        OrganisationType = application.OrganisationType,
        Sector = application.Sector,
        Province = application.Province,
        NameOrganisationPublicly = application.NameOrganisationPublicly,
        Resources = string.Join("\n", application.Resources.Select(link => $"{link.HubId}/{link.ResourceId}")),
        AiActRiskClass = application.AiActRiskClass,
        PersonalData = application.PersonalData ? "yes" : "no",
        PersonalDataCountries = string.Join(", ", application.PersonalDataCountries),
    };

    /// <summary>The lines of <see cref="Resources"/> that name a resource by its page or bare id, without its hub.</summary>
    public IEnumerable<Guid> UnplacedResourceIds() =>
        Lines(Resources).Select(line => Parse(line)).Where(link => link.HubId is null && link.ResourceId is not null).Select(link => link.ResourceId!.Value);

    /// <summary>What is sent to the home hub; <paramref name="hubOf"/> places resources typed without their hub.</summary>
    public ApplicationInput ToHubInput(IReadOnlyDictionary<Guid, string> hubOf) => new(
        Blank(FacilityId), CallId, Blank(Project), Blank(Summary), RequestedHours, PeriodStart, PeriodEnd, Blank(OrganisationType), Blank(Sector),
        Blank(Province), NameOrganisationPublicly,
        [.. Lines(Resources).Select(line => Parse(line)).Select(link => (ResourceLinkInput?)new ResourceLinkInput(
            link.HubId ?? (link.ResourceId is { } id && hubOf.TryGetValue(id, out var hub) ? hub : ""), link.ResourceId))],
        Blank(AiActRiskClass),
        PersonalData switch { "yes" => true, "no" => false, _ => null },
        [.. (PersonalDataCountries ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => (string?)c.ToUpperInvariant())]);

    /// <summary>
    /// One line: "brainport/3f2b…", a resource page's address ".../resources/3f2b…", or the bare id. What does not
    /// parse goes to the hub as it is, so that its refusal names the line.
    /// </summary>
    private static (string? HubId, Guid? ResourceId) Parse(string line)
    {
        if (Guid.TryParse(line, out var bare))
        {
            return (null, bare);
        }

        var marker = line.LastIndexOf("/resources/", StringComparison.OrdinalIgnoreCase);
        if (marker >= 0)
        {
            var rest = line[(marker + "/resources/".Length)..].Split('?', '#', '/')[0];
            return Guid.TryParse(rest, out var linked) ? (null, linked) : (line, null);
        }

        var slash = line.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && Guid.TryParse(line[(slash + 1)..].Trim(), out var id) ? (line[..slash].Trim(), id) : (line, null);
    }

    private static string[] Lines(string? values) => (values ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

using Federation.Contracts.Compute;
using Federation.Contracts.Metadata;
using Federation.Hub.Identity.Authorization;
using Federation.Hub.Resources.Metadata;

namespace Federation.Hub.Compute.Applications;

/// <summary>
/// Checks an application against the call it answers, as the facility publishes it: still open, an organisation type
/// the call admits, no more hours than the call has left, a period inside its allocation window; and the rest of
/// what a facility needs to decide: the project, the AI Act risk class (a prohibited practice is refused), whether
/// personal data is processed and in which countries, and the federation resources it will use.
/// </summary>
public static class ApplicationValidator
{
    public const int MostResources = 50;

    public static ComputeApplication? Validate(
        ApplicationInput input, ComputeCall call, CallerIdentity applicant, string hubId, Guid id, DateTimeOffset now, FieldErrors errors)
    {
        if (!call.IsOpenAt(now))
        {
            errors.Fail("callId", call.ClosedAt is { } closed
                ? $"The call was closed on {closed:u}; applications are no longer taken."
                : $"The call's deadline passed at {call.Deadline:u}; applications are no longer taken.");
        }

        var project = errors.Text(input.Project, "project", 200, required: true);
        var summary = errors.Text(input.Summary, "summary", 5_000, required: true);
        if (summary is { Length: < 50 })
        {
            errors.Fail("summary", "Describe the project, what the compute is for and what will come of it, in at least 50 characters.");
        }

        if (input.RequestedHours is not (>= 1 and <= ComputeOfferValidator.AcceleratorHoursMax))
        {
            errors.Fail("requestedHours", "'requestedHours' is a whole number of accelerator-hours, at least 1.");
        }
        else if (input.RequestedHours > call.RemainingHours)
        {
            errors.Fail("requestedHours", $"The call has {call.RemainingHours} of its {call.CapacityHours} accelerator-hours left; ask for no more than that.");
        }
        else if (input.RequestedHours > call.MaxAllocationHours)
        {
            errors.Fail("requestedHours", $"One allocation of this call has at most {call.MaxAllocationHours} accelerator-hours.");
        }

        if (input.PeriodStart is not { } start || input.PeriodEnd is not { } end || end < start)
        {
            errors.Fail("periodEnd", "Give the period the compute is for: 'periodStart' on or before 'periodEnd'.");
        }
        else if (start < call.AllocationStart || end > call.AllocationEnd)
        {
            errors.Fail("periodStart", $"The call's allocations run from {call.AllocationStart:yyyy-MM-dd} to {call.AllocationEnd:yyyy-MM-dd}; keep the period inside it.");
        }

        var organisationType = errors.OneOf(input.OrganisationType, "organisationType", Vocabularies.ComputeEligibility, required: true);
        if (organisationType is not null && !call.Eligibility.Contains(organisationType))
        {
            errors.Fail("organisationType", $"This call is open to {string.Join(", ", call.Eligibility)}; a {organisationType} cannot apply to it.");
        }

        var sector = errors.OneOf(input.Sector, "sector", Vocabularies.Sectors.Keys);
        var province = errors.OneOf(input.Province, "province", Vocabularies.Regions.Keys.Where(region => region != "NL"), required: true);
        var riskClass = errors.OneOf(input.AiActRiskClass, "aiActRiskClass", Vocabularies.AiActRiskClasses, required: true);
        if (riskClass == "prohibited")
        {
            errors.Fail("aiActRiskClass", "A practice the AI Act prohibits (Article 5) cannot be built with the federation's compute.");
        }

        if (input.PersonalData is null)
        {
            errors.Fail("personalData", "Say whether personal data will be processed: true or false.");
        }

        var countries = errors.ListOf(input.PersonalDataCountries, "personalDataCountries", 30, (value, field) => errors.Country(value, field, required: true));
        if (input.PersonalData == true && countries.Count == 0)
        {
            errors.Fail("personalDataCountries", "Name the countries where the personal data will be processed (ISO codes such as NL).");
        }

        var resources = errors.Items(input.Resources, "resources", MostResources, $"At most {MostResources} resources.",
            (Contracts.Hub.ResourceLinkInput? link, string field) =>
            {
                if (link is not { HubId: { Length: > 0 } linkedHub, ResourceId: { } resourceId } || resourceId == Guid.Empty)
                {
                    errors.Fail(field, "A resource is named by its hub ('hubId') and its id ('resourceId').");
                    return null;
                }

                return new ResourceLink(linkedHub.Trim(), resourceId);
            });

        return errors.Any
            ? null
            : new ComputeApplication(
                id, hubId, applicant.Subject, applicant.Name, applicant.OrganisationName, call.FacilityId, call.Id, call.Title, project!, summary!,
                input.RequestedHours!.Value, input.PeriodStart!.Value, input.PeriodEnd!.Value, organisationType!, sector, province!,
                input.NameOrganisationPublicly ?? false, [.. resources.DistinctBy(r => (r.HubId, r.ResourceId))], riskClass!, input.PersonalData!.Value,
                input.PersonalData == true ? countries : [], ComputeApplication.Submitted, now, now);
    }
}

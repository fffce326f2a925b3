using System.Text.Json;
using Federation.Contracts;
using Federation.Contracts.Metadata;
using Federation.Contracts.Serialization;
using Federation.Hub.Compute.Applications;
using Federation.Hub.Compute.Decisions;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.TrustList;
using Federation.Hub.Membership;
using Federation.ServiceDefaults.Membership;
using Federation.Trust;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Resources.Metadata;

/// <summary>
/// Checks the datasets a model card links to. A link to this hub must name a dataset here. A link to another hub
/// must name a hub of the federation, and when the catalogue knows the resource, it must be a dataset of that hub.
/// A resource the catalogue does not know (yet) is accepted: the lineage will show it as missing until it appears.
/// The compute allocation a model cites must have been awarded by that facility to a member of this hub, of the
/// organisation that publishes the model: its
/// partition, accelerator-hours and energy are filled in from this hub's record of the award and its reported use.
/// </summary>
public sealed partial class TrainingLinkCheck(
    IGrainFactory grains, FederationTrustList trustList, FederationMembers members, ApplicationStore applications, CatalogueLookup catalogue,
    IOptions<HubOptions> hub, ILogger<TrainingLinkCheck> logger)
{
    /// <summary>The content with its cited allocation's figures filled in, and the reasons by field when a link does not hold.</summary>
    public async Task<(ResourceContent Content, Dictionary<string, string[]> Errors)> CheckAsync(ResourceContent content, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (content.Model?.TrainingCompute is { } cited)
        {
            var (filled, field, problem) = await ResolveAsync(cited, content.Publisher, cancellationToken);
            if (problem is not null)
            {
                errors[$"model.trainedUnder.{field}"] = [problem];
            }
            else
            {
                content = content with { Model = content.Model with { TrainingCompute = filled } };
            }
        }

        var links = (content.Model?.TrainingDatasets ?? []).Select((link, i) => (Field: $"model.trainingDatasets[{i}]", Link: (ResourceLink?)link))
            .Concat((content.Model?.Evaluations ?? []).Select((evaluation, i) => (Field: $"model.evaluations[{i}].dataset", Link: evaluation.Dataset)))
            .Where(item => item.Link is not null);
        foreach (var (field, link) in links)
        {
            if (await ProblemWithAsync(link!, cancellationToken) is { } problem)
            {
                errors[field] = [problem];
            }
        }

        return (content, errors);
    }

    private async Task<(TrainingCompute? Filled, string Field, string? Problem)> ResolveAsync(TrainingCompute cited, string publisher, CancellationToken cancellationToken)
    {
        if (members.Find(cited.FacilityId) is not { Member.Kind: MemberMetadata.FacilityKind })
        {
            return (null, "facilityId", $"'{cited.FacilityId}' is not a compute facility of the federation.");
        }

        if (await applications.OfAllocationAsync(cited.AllocationId, cancellationToken) is not { Allocation: { } grant } application
            || application.FacilityId != cited.FacilityId)
        {
            return (null, "allocationId", $"{cited.FacilityId} awarded no allocation {cited.AllocationId} to a member of this hub.");
        }

        // An organisation's use of compute is its own to show: only a model it publishes may cite its allocation.
        if (application.OrganisationName is not { } organisation || OrganisationNames.Key(organisation) != OrganisationNames.Key(publisher))
        {
            return (null, "allocationId", $"Allocation {cited.AllocationId} is not {publisher}'s; a model cites only an allocation of the organisation that publishes it.");
        }

        return (new TrainingCompute(cited.FacilityId, grant.AllocationId, grant.Partition, application.Usage?.AcceleratorHours ?? 0,
            application.Usage?.EnergyKwh ?? 0, application.Usage?.ReportedAt), "allocationId", null);
    }

    private async Task<string?> ProblemWithAsync(ResourceLink link, CancellationToken cancellationToken)
    {
        if (link.HubId == hub.Value.Id)
        {
            var local = await grains.GetGrain<IResourceGrain>(link.ResourceId).Get();
            return local is null ? $"There is no resource {link.ResourceId} at this hub."
                : local.Kind != ResourceKind.Dataset ? $"Resource {link.ResourceId} is a {local.Kind.ToWireName()}, not a dataset."
                : null;
        }

        if (trustList.FindByHubId(link.HubId) is null)
        {
            return $"'{link.HubId}' is not a hub of the federation.";
        }

        try
        {
            var resource = await catalogue.FindAsync(link.ResourceId, cancellationToken);
            return resource is null ? null
                : resource.HubId != link.HubId ? $"Resource {link.ResourceId} is held by {resource.HubId}, not {link.HubId}."
                : resource.Kind != ResourceKind.Dataset ? $"Resource {link.ResourceId} at {link.HubId} is a {resource.Kind.ToWireName()}, not a dataset."
                : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException or TaskCanceledException)
        {
            // The catalogue is a convenience here, not an authority: without it the link is kept and resolved later.
            LogCatalogueUnavailable(logger, link.ResourceId, exception.Message);
            return null;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not check training dataset {ResourceId} with the catalogue: {Reason}")]
    private static partial void LogCatalogueUnavailable(ILogger logger, Guid resourceId, string reason);
}

using Federation.Contracts;
using Federation.Contracts.Metadata;

namespace Federation.Hub.Resources;

/// <summary>The validated, normalised content of a resource: what staff decide, as opposed to lifecycle and version.</summary>
[GenerateSerializer, Immutable]
public sealed record ResourceContent(
    [property: Id(0)] ResourceKind Kind,
    [property: Id(1)] string Title,
    [property: Id(2)] string Summary,
    [property: Id(3)] string Description,
    [property: Id(4)] string[] Keywords,
    [property: Id(5)] string[] Themes,
    [property: Id(6)] string Licence,
    [property: Id(7)] AccessPolicy AccessPolicy,
    [property: Id(8)] string Publisher,
    [property: Id(9)] string? ContactPoint,
    [property: Id(10)] string? Language,
    [property: Id(11)] DatasetMetadata? Dataset = null,
    [property: Id(12)] ModelCard? Model = null,
    [property: Id(13)] ExpertiseProfile? Expertise = null,
    [property: Id(14)] Sovereignty? Sovereignty = null,
    [property: Id(15)] ComputeOffer? Compute = null,
    [property: Id(16)] string? Identifier = null,
    [property: Id(17)] string? ChangeNote = null)
{
    /// <summary>What a resource says, as the validator gives content (no change note): to compare with content read elsewhere.</summary>
    public static ResourceContent Of(ResourceSnapshot resource) => new(
        resource.Kind, resource.Title, resource.Summary, resource.Description, [.. resource.Keywords], [.. resource.Themes], resource.Licence,
        resource.AccessPolicy, resource.Publisher, resource.ContactPoint, resource.Language, resource.Dataset, resource.Model, resource.Expertise,
        resource.Sovereignty, resource.Compute, resource.Identifier);

    public ResourceSnapshot NewDraft(Guid id, string hubId, DateTimeOffset now) => new(
        id, hubId, Kind, ResourceState.Draft, Version: 1, Title, Summary, Description, Keywords, Themes, Licence,
        AccessPolicy, Publisher, ContactPoint, Language, CreatedAt: now, ModifiedAt: now, PublishedAt: null,
        WithdrawnAt: null, WithdrawalReason: null, Dataset, Model, Expertise, Sovereignty, Compute, Identifier, ChangeNote);

    public ResourceSnapshot ApplyTo(ResourceSnapshot current, DateTimeOffset now) => current with
    {
        Version = current.Version + 1,
        Title = Title,
        Summary = Summary,
        Description = Description,
        Keywords = Keywords,
        Themes = Themes,
        Licence = Licence,
        AccessPolicy = AccessPolicy,
        Publisher = Publisher,
        ContactPoint = ContactPoint,
        Language = Language,
        Dataset = Dataset,
        Model = Model,
        Expertise = Expertise,
        Sovereignty = Sovereignty,
        Compute = Compute,
        Identifier = Identifier,
        ChangeNote = ChangeNote,
        ModifiedAt = now,
    };
}

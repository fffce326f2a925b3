using Federation.Hub.Resources;
using Federation.Hub.Resources.Metadata;

namespace Federation.Hub.DemoData;

/// <summary>
/// One entry of a demo-data file: a resource as staff would send it (with the metadata of its kind and where its data
/// is), whether to leave it in draft, and, for a model, the datasets it was trained on by hub and title.
/// </summary>
/// <remarks>
/// Demo resources get their ids from their hub and title (<see cref="DemoDataSeeder.IdOf"/>), so a file can name a
/// dataset of another hub by title and the link points at the id that dataset has wherever the federation runs.
/// </remarks>
public sealed record DemoResource(
    string? Kind, string? Title, string? Summary, string? Description, IReadOnlyList<string?>? Keywords,
    IReadOnlyList<string?>? Themes, string? Licence, string? AccessPolicy, string? Publisher, string? ContactPoint,
    string? Language, bool Draft, DatasetInput? Dataset = null, ModelInput? Model = null, ExpertiseInput? Expertise = null,
    SovereigntyInput? Sovereignty = null, IReadOnlyList<DemoLink>? TrainedOn = null)
{
    public ResourceInput ToInput() => new()
    {
        Kind = Kind, Title = Title, Summary = Summary, Description = Description, Keywords = Keywords, Themes = Themes,
        Licence = Licence, AccessPolicy = AccessPolicy, Publisher = Publisher, ContactPoint = ContactPoint, Language = Language,
        Dataset = Dataset, Expertise = Expertise, Sovereignty = Sovereignty,
        Model = Model is null || TrainedOn is not { Count: > 0 }
            ? Model
            : Model with
            {
                TrainingDatasets = [.. Model.TrainingDatasets ?? [], .. TrainedOn.Select(link => new ResourceLinkInput(link.Hub, DemoDataSeeder.IdOf(link.Hub, link.Title)))],
            },
    };
}

/// <summary>A dataset named by the hub that holds it and its title, as a demo-data file refers to it.</summary>
public sealed record DemoLink(string Hub, string Title);

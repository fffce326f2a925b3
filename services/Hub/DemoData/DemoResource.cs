using Federation.Contracts.Hub;

namespace Federation.Hub.DemoData;

/// <summary>
/// One entry of a demo-data file: a resource as staff would send it (the shared <see cref="ResourceInput"/>, metadata
/// of its kind included), whether to leave it in draft, and, for a model, the datasets it was trained on by hub and title.
/// </summary>
/// <remarks>
/// Demo resources get their ids from their hub and title (<see cref="DemoDataSeeder.IdOf"/>), so a file can name a
/// dataset of another hub by title and the link points at the id that dataset has wherever the federation runs.
/// </remarks>
public sealed record DemoResource : ResourceInput
{
    public bool Draft { get; init; }

    public IReadOnlyList<DemoLink>? TrainedOn { get; init; }

    public ResourceInput ToInput() => Model is null || TrainedOn is not { Count: > 0 }
        ? this
        : this with
        {
            Model = Model with
            {
                TrainingDatasets = [.. Model.TrainingDatasets ?? [], .. TrainedOn.Select(link => new ResourceLinkInput(link.Hub, DemoDataSeeder.IdOf(link.Hub, link.Title)))],
            },
        };
}

/// <summary>A dataset named by the hub that holds it and its title, as a demo-data file refers to it.</summary>
public sealed record DemoLink(string Hub, string Title);

using Federation.Hub.Resources;
using Federation.Hub.Resources.Metadata;

namespace Federation.Hub.DemoData;

/// <summary>
/// One entry of a demo-data file: a resource as staff would send it (with the metadata of its kind and where its data
/// is), and whether to leave it in draft.
/// </summary>
public sealed record DemoResource(
    string? Kind, string? Title, string? Summary, string? Description, IReadOnlyList<string?>? Keywords,
    IReadOnlyList<string?>? Themes, string? Licence, string? AccessPolicy, string? Publisher, string? ContactPoint,
    string? Language, bool Draft, DatasetInput? Dataset = null, ModelInput? Model = null, ExpertiseInput? Expertise = null,
    SovereigntyInput? Sovereignty = null)
{
    public ResourceInput ToInput() => new()
    {
        Kind = Kind, Title = Title, Summary = Summary, Description = Description, Keywords = Keywords, Themes = Themes,
        Licence = Licence, AccessPolicy = AccessPolicy, Publisher = Publisher, ContactPoint = ContactPoint, Language = Language,
        Dataset = Dataset, Model = Model, Expertise = Expertise, Sovereignty = Sovereignty,
    };
}

using Federation.Contracts.Hub;

namespace Federation.Contracts.Metadata;

/// <summary>
/// One simple descriptive field of a dataset (a text or one value of a vocabulary), declared once for the hub, which
/// validates and keeps it, the portal, which asks for it in the publish form and shows it on the resource page, and
/// the catalogue, which exports it in DCAT-AP (and the hub's DCAT-AP import, which reads it back).
/// </summary>
/// <param name="Name">The wire name: the field's JSON name in <see cref="DatasetInput"/> and <see cref="DatasetMetadata"/>, the path of the hub's refusals (<c>dataset.{Name}</c>) and the id of the publish form's input.</param>
/// <param name="Label">What the portal calls it, in Dutch and in English.</param>
/// <param name="Input">How it is read from and set on what staff send.</param>
/// <param name="Metadata">How it is read from and set on the metadata the hub keeps and the catalogue holds.</param>
/// <param name="MaxLength">The most characters a free text may have (trimmed).</param>
/// <param name="Allowed">The values it may take, from <see cref="Vocabularies"/>; null for a free text.</param>
/// <param name="DcatProperty">The IRI of the DCAT-AP property it is exported as, a plain literal; null when DCAT-AP has none.</param>
/// <param name="Note">Free prose (a datasheet note): typed in a text area and shown under the page's datasheet heading, not as one fact among the others.</param>
public sealed record DatasetTextField(
    string Name,
    (string Nl, string En) Label,
    TextAccessor<DatasetInput> Input,
    TextAccessor<DatasetMetadata> Metadata,
    int MaxLength = 200,
    IReadOnlyList<string>? Allowed = null,
    string? DcatProperty = null,
    bool Note = false)
{
    /// <summary>The path the hub names the field by when it refuses a value.</summary>
    public string Path => $"dataset.{Name}";
}

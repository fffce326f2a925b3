using Federation.Rdf;
using System.Text.Json;
using System.Text.Json.Nodes;
using Federation.Contracts.Hub;
using Federation.Contracts.Metadata;
using Federation.Contracts.Serialization;
using Federation.Hub.Resources;
using Federation.Hub.Resources.Import;
using Federation.Hub.Resources.Metadata;

namespace Federation.Hub.Tests;

/// <summary>
/// Every field of the dataset registry (<see cref="DatasetTextFields"/>) is declared once and the hub keeps it: its
/// name is its JSON name in what staff send and in what the hub keeps, a value is kept as sent (trimmed), and a value
/// the field does not allow is refused by the field's path. A field added to the registry is checked here unasked.
/// </summary>
public sealed class DatasetTextFieldSpecs
{
    private static readonly DatasetInput Empty = new(null, null, null, null, null, false, null, null, null);

    public static TheoryData<string> Fields() => [.. DatasetTextFields.All.Select(field => field.Name)];

    private static ResourceInput Dataset(DatasetInput dataset) => new()
    {
        Kind = "dataset", Title = "Luchtkwaliteit Eindhoven", Licence = "CC-BY-4.0", AccessPolicy = "open", Publisher = "Gemeente Eindhoven",
        Dataset = dataset,
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void Its_name_is_its_JSON_name_in_what_staff_send_and_in_what_the_hub_keeps(string name)
    {
        var field = DatasetTextFields.Find(name)!;

        var sent = JsonSerializer.SerializeToElement(field.Input.With(Empty, "probe"), FederationJson.Options);
        var kept = JsonSerializer.SerializeToElement(field.Metadata.With(new DatasetMetadata(), "probe"), FederationJson.Options);

        Assert.Equal([name], Probed(sent));
        Assert.Equal([name], Probed(kept));
        Assert.Equal("probe", field.Input.Get(JsonSerializer.Deserialize<DatasetInput>($$"""{"{{name}}":"probe"}""", FederationJson.Options)!));
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void A_value_sent_is_kept_as_given(string name)
    {
        var field = DatasetTextFields.Find(name)!;
        var value = field.Allowed?[0] ?? $"  A value for {name}  ";

        var (content, errors) = ResourceValidator.Validate(Dataset(field.Input.With(Empty, value)));

        Assert.Empty(errors);
        Assert.Equal(value.Trim(), field.Metadata.Get(content!.Dataset!));
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void A_value_the_field_does_not_allow_is_refused_by_its_path(string name)
    {
        var field = DatasetTextFields.Find(name)!;
        var value = field.Allowed is null ? new string('x', field.MaxLength + 1) : "not-in-the-vocabulary";

        var (content, errors) = ResourceValidator.Validate(Dataset(field.Input.With(Empty, value)));

        Assert.Null(content);
        Assert.Equal([field.Path], errors.Keys);
    }

    [Fact]
    public void The_DCAT_AP_import_reads_every_field_that_has_a_DCAT_AP_property()
    {
        var exported = DatasetTextFields.All.Where(field => field.DcatProperty is not null).ToList();
        var node = new JsonObject
        {
            ["@id"] = "https://data.example.nl/dataset/verkeer-2023", ["@type"] = "http://www.w3.org/ns/dcat#Dataset",
            ["http://purl.org/dc/terms/title"] = "Verkeerstellingen 2023",
        };
        foreach (var field in exported)
        {
            node[field.DcatProperty!] = new JsonObject { ["@value"] = $"{field.Name} 2023.1" };
        }

        var (input, _, problem) = DcatApReader.Read(JsonLdReader.Read(JsonSerializer.SerializeToElement(node)), "open");

        Assert.Null(problem);
        Assert.Contains(exported, field => field.Name == "version");
        Assert.All(exported, field => Assert.Equal($"{field.Name} 2023.1", field.Input.Get(input!.Dataset!)));
    }

    [Fact]
    public void A_field_with_a_vocabulary_takes_only_its_values_in_their_spelling()
    {
        // Declared here, on the slot of the area, because no field of the registry has a vocabulary yet.
        var field = new DatasetTextField("rhythm", ("Ritme", "Rhythm"),
            new(d => d.SpatialCoverage, (d, v) => d with { SpatialCoverage = v }),
            new(m => m.SpatialCoverage, (m, v) => m with { SpatialCoverage = v }),
            Allowed: Vocabularies.UpdateFrequencies);
        var errors = new FieldErrors();

        Assert.Equal("MONTHLY", DatasetMetadataValidator.Field(field, Empty with { SpatialCoverage = " monthly " }, errors));
        Assert.False(errors.Any);
        Assert.Null(DatasetMetadataValidator.Field(field, Empty with { SpatialCoverage = "hourly-ish" }, errors));
        Assert.Equal(["dataset.rhythm"], errors.ByField.Keys);
    }

    private static IEnumerable<string> Probed(JsonElement record) =>
        record.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == "probe").Select(p => p.Name);
}

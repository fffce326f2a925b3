using Federation.Contracts.Hub;
using Federation.Contracts.Metadata;
using Federation.Hub.Resources;
using Federation.Hub.Resources.Metadata;

namespace Federation.Hub.Tests;

/// <summary>The metadata of each kind: complete cards are kept as given, and every bad value is refused by its field's path.</summary>
public sealed class MetadataValidationSpecs
{
    private static readonly ResourceLinkInput TrainingData = new("noord-nederland", Guid.Parse("0199a1b2-0000-7000-8000-000000000001"));

    private static ResourceInput Model(ModelInput model, SovereigntyInput? sovereignty = null) => new()
    {
        Kind = "model", Title = "Wafer defect detector", Licence = "Apache-2.0", AccessPolicy = "approval", Publisher = "TU/e",
        Model = model, Sovereignty = sovereignty,
    };

    private static ResourceInput Dataset(DatasetInput dataset) => new()
    {
        Kind = "dataset", Title = "Wafer images", Licence = "CC-BY-4.0", AccessPolicy = "approval", Publisher = "TU/e", Dataset = dataset,
    };

    private static ModelInput Card(AiActInput? aiAct = null, long? parameters = 25_000_000, double? energy = 412.5) => new(
        "image-classification", "image", "ResNet-50", parameters, [TrainingData], "Inspecting wafers in fabs.", "Medical images.",
        "Trained on one fab's equipment only.", [new EvaluationInput("accuracy", 0.962, TrainingData, null)],
        aiAct ?? new AiActInput("high-risk", "critical-infrastructure", "Quality control of semiconductor production."), energy, "nl");

    [Fact]
    public void A_complete_model_card_is_kept()
    {
        var (content, errors) = ResourceValidator.Validate(Model(Card(), new SovereigntyInput("nl", ["NL", "de"], "eu")));

        Assert.Empty(errors);
        var card = content!.Model!;
        Assert.Equal("image-classification", card.Task);
        Assert.Equal(new AiActClassification("high-risk", "critical-infrastructure", "Quality control of semiconductor production."), card.AiAct);
        Assert.Equal([new ResourceLink("noord-nederland", TrainingData.ResourceId!.Value)], card.TrainingDatasets);
        Assert.Equal("NL", card.TrainedIn);
        var sovereignty = content.Sovereignty!;
        Assert.Equal(("NL", "EU"), (sovereignty.StorageCountry, sovereignty.Jurisdiction));
        Assert.Equal(["NL", "DE"], sovereignty.ProcessingCountries);
    }

    public static TheoryData<string, ResourceInput> BadMetadata => new()
    {
        { "model.aiAct.riskClass", Model(Card(new AiActInput("unacceptable-ish", null, null))) },
        { "model.aiAct.annexIiiArea", Model(Card(new AiActInput("high-risk", null, "Sorting CVs."))) },
        { "model.aiAct.annexIiiArea", Model(Card(new AiActInput("minimal", "employment", null))) },
        { "model.parameterCount", Model(Card(parameters: -5)) },
        { "model.trainingEnergyKwh", Model(Card(energy: -1)) },
        { "model.trainingDatasets[0].hubId", Model(Card() with { TrainingDatasets = [new ResourceLinkInput("Not A Hub!", Guid.NewGuid())] }) },
        { "model.task", Model(Card() with { Task = "mind-reading" }) },
        { "dataset.distributions[0].byteSize", Dataset(new DatasetInput(null, null, null, null, [new DistributionInput("CSV", "text/csv", "CSV", -10, null, null, null)], false, null, null, null)) },
        { "dataset.distributions[0].sha256", Dataset(new DatasetInput(null, null, null, null, [new DistributionInput("CSV", "text/csv", null, 10, "xyz", null, null)], false, null, null, null)) },
        { "dataset.legalBasis", Dataset(new DatasetInput(null, null, null, null, null, true, null, null, null)) },
        { "dataset.temporalEnd", Dataset(new DatasetInput(new DateOnly(2024, 1, 1), new DateOnly(2023, 1, 1), null, null, null, false, null, null, null)) },
        { "dataset.updateFrequency", Dataset(new DatasetInput(null, null, null, "hourly-ish", null, false, null, null, null)) },
        { "sovereignty.storageCountry", Model(Card(), new SovereigntyInput("XX", null, null)) },
        { "sovereignty.jurisdiction", Model(Card(), new SovereigntyInput("NL", null, "US")) },
        { "dataset", new ResourceInput { Kind = "model", Title = "A model", Licence = "MIT", AccessPolicy = "open", Publisher = "TU/e", Dataset = new DatasetInput(null, null, null, null, null, false, null, null, null) } },
    };

    [Theory]
    [MemberData(nameof(BadMetadata))]
    public void Bad_metadata_is_refused_by_the_path_of_its_field(string field, ResourceInput input)
    {
        var (content, errors) = ResourceValidator.Validate(input);

        Assert.Null(content);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void An_expertise_profile_takes_skills_from_the_vocabulary_and_anything_else_as_tags()
    {
        var input = new ResourceInput
        {
            Kind = "expertise", Title = "Vision for agrifood", Licence = "LicenseRef-terms", AccessPolicy = "open", Publisher = "WUR",
            Expertise = new ExpertiseInput("team", ["computer-vision", "MLOps"], ["Greenhouses"], ["a", "C"], "NL-GE", ["nl", "EN"], "limited", "Two weeks a quarter.", true),
        };

        var (content, errors) = ResourceValidator.Validate(input);

        Assert.Empty(errors);
        Assert.Equal(["computer-vision", "mlops"], content!.Expertise!.Skills);
        Assert.Equal(["greenhouses"], content.Expertise.Tags);
        Assert.Equal(["A", "C"], content.Expertise.Sectors);
        Assert.Equal(["nl", "en"], content.Expertise.Languages);

        var (_, wrong) = ResourceValidator.Validate(input with { Expertise = input.Expertise with { Skills = ["telepathy"] } });
        Assert.Contains("expertise.skills[0]", wrong.Keys);
    }
}

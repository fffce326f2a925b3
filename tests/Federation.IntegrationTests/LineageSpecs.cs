using System.Net;
using Federation.Contracts.Hub;
using Federation.Testing;

namespace Federation.IntegrationTests;

/// <summary>Lineage across hubs: a model at one hub trained on datasets of others, resolved by the catalogue, broken links shown as such.</summary>
public sealed class LineageSpecs(FederationFixture federation) : FederationSpecs(federation)
{
    [Fact]
    public async Task A_models_training_data_at_other_hubs_is_resolved_and_a_withdrawn_or_missing_one_is_shown_as_such()
    {
        var dataset = await Brainport.PublishNewAsync($"Wafer images {Guid.NewGuid():N}");
        var ghost = Guid.NewGuid();
        await Catalogue.WaitForSearchAsync($"q={Uri.EscapeDataString(dataset.Title)}", r => r.Total == 1, "the dataset to reach the catalogue");
        var model = await Noord.CreateAsync(ModelTrainedOn(("brainport", dataset.Id), ("amsterdam", ghost)));
        await Noord.PublishAsync(model.Id);

        var catalogue = Catalogue.CatalogueClient();
        var lineage = await Eventually.Until(() => catalogue.LineageAsync(model.Id, Cancellation).EnsureSuccessAsync(),
            l => l.TrainedOn.Count == 2, TimeSpan.FromSeconds(20), "the model's lineage");
        var links = lineage.TrainedOn.ToDictionary(l => l.ResourceId, l => l.Status);
        Assert.Equal("available", links[dataset.Id]);
        Assert.Equal("missing", links[ghost]);
        var usedBy = await catalogue.LineageAsync(dataset.Id, Cancellation).EnsureSuccessAsync();
        Assert.Contains(usedBy.UsedBy, m => m.ResourceId == model.Id);

        await Brainport.WithdrawAsync(dataset.Id, "superseded");
        await Eventually.Until(() => catalogue.LineageAsync(model.Id, Cancellation).EnsureSuccessAsync(),
            l => l.TrainedOn.Any(x => x.ResourceId == dataset.Id && x.Status == "withdrawn"),
            TimeSpan.FromSeconds(20), "the withdrawn dataset to show as withdrawn");
    }

    [Fact]
    public async Task A_training_link_to_something_that_is_not_a_dataset_is_refused_by_field()
    {
        var otherModel = await Brainport.CreateAsync(ModelTrainedOn());
        await Brainport.PublishAsync(otherModel.Id);
        await Catalogue.WaitForSearchAsync($"q={Uri.EscapeDataString(otherModel.Title)}", r => r.Total == 1, "the other model to reach the catalogue");
        var localModel = await Noord.CreateAsync(ModelTrainedOn());
        var staff = Noord.StaffClient();

        var remote = await staff.CreateResourceAsync(ModelTrainedOn(("brainport", otherModel.Id)), Cancellation);
        var local = await staff.CreateResourceAsync(ModelTrainedOn(("noord-nederland", localModel.Id)), Cancellation);
        var unknownHub = await staff.CreateResourceAsync(ModelTrainedOn(("atlantis", Guid.NewGuid())), Cancellation);

        foreach (var response in new[] { remote, local, unknownHub })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            var errors = response.Problem!.Errors;
            Assert.True(errors.Keys.Contains("model.trainingDatasets[0]", StringComparer.Ordinal), string.Join("; ", response.Problem.Reasons()));
        }
    }

    private static ResourceInput ModelTrainedOn(params (string Hub, Guid Id)[] datasets) => new()
    {
        Kind = "model", Title = $"Defect model {Guid.NewGuid():N}", Licence = "Apache-2.0", AccessPolicy = "open", Publisher = "RUG",
        Model = new ModelInput(
            Task: "image-classification", Modality: "image", Architecture: null, ParameterCount: 11_000_000,
            TrainingDatasets: [.. datasets.Select(d => new ResourceLinkInput(d.Hub, d.Id))],
            IntendedUse: null, OutOfScopeUse: null, Limitations: null, Evaluations: null, AiAct: new AiActInput("minimal", AnnexIiiArea: null, IntendedPurpose: null),
            TrainingEnergyKwh: null, TrainedIn: null),
    };
}

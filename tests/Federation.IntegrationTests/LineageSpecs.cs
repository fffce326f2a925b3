using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Contracts;
using Federation.Testing;

namespace Federation.IntegrationTests;

/// <summary>Lineage across hubs: a model at one hub trained on datasets of others, resolved by the catalogue, broken links shown as such.</summary>
[Collection(FederationCollection.Name)]
public sealed class LineageSpecs(FederationFixture federation)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private ServiceProcess Noord => federation.Hubs["noord-nederland"];

    private ServiceProcess Brainport => federation.Hubs["brainport"];

    [Fact]
    public async Task A_models_training_data_at_other_hubs_is_resolved_and_a_withdrawn_or_missing_one_is_shown_as_such()
    {
        var dataset = await Brainport.PublishNewAsync($"Wafer images {Guid.NewGuid():N}");
        var ghost = Guid.NewGuid();
        await federation.Catalogue.WaitForSearchAsync($"q={Uri.EscapeDataString(dataset.Title)}", r => r.Total() == 1, "the dataset to reach the catalogue");
        var model = await Noord.CreateAsync(ModelTrainedOn(("brainport", dataset.Id), ("amsterdam", ghost)));
        (await Noord.Staff(HttpMethod.Post, $"resources/{model.Id}/publish")).EnsureSuccessStatusCode();

        var lineage = await Eventually.Until(() => federation.Catalogue.Http.GetFromJsonAsync<JsonElement>($"resources/{model.Id}/lineage", Json),
            l => l.GetProperty("trainedOn").GetArrayLength() == 2, TimeSpan.FromSeconds(20), "the model's lineage");
        var links = lineage.GetProperty("trainedOn").EnumerateArray().ToDictionary(l => l.GetProperty("resourceId").GetGuid(), l => l.GetProperty("status").GetString());
        Assert.Equal("available", links[dataset.Id]);
        Assert.Equal("missing", links[ghost]);
        var usedBy = await federation.Catalogue.Http.GetFromJsonAsync<JsonElement>($"resources/{dataset.Id}/lineage", Json);
        Assert.Contains(usedBy.GetProperty("usedBy").EnumerateArray(), m => m.GetProperty("resourceId").GetGuid() == model.Id);

        (await Brainport.Staff(HttpMethod.Post, $"resources/{dataset.Id}/withdraw", new { reason = "superseded" })).EnsureSuccessStatusCode();
        await Eventually.Until(() => federation.Catalogue.Http.GetFromJsonAsync<JsonElement>($"resources/{model.Id}/lineage", Json),
            l => l.GetProperty("trainedOn").EnumerateArray().Any(x => x.GetProperty("resourceId").GetGuid() == dataset.Id && x.GetProperty("status").GetString() == "withdrawn"),
            TimeSpan.FromSeconds(20), "the withdrawn dataset to show as withdrawn");
    }

    [Fact]
    public async Task A_training_link_to_something_that_is_not_a_dataset_is_refused_by_field()
    {
        var otherModel = await Brainport.CreateAsync(ModelTrainedOn());
        (await Brainport.Staff(HttpMethod.Post, $"resources/{otherModel.Id}/publish")).EnsureSuccessStatusCode();
        await federation.Catalogue.WaitForSearchAsync($"q={Uri.EscapeDataString(otherModel.Title)}", r => r.Total() == 1, "the other model to reach the catalogue");
        var localModel = await Noord.CreateAsync(ModelTrainedOn());

        var remote = await Noord.Staff(HttpMethod.Post, "resources", ModelTrainedOn(("brainport", otherModel.Id)));
        var local = await Noord.Staff(HttpMethod.Post, "resources", ModelTrainedOn(("noord-nederland", localModel.Id)));
        var unknownHub = await Noord.Staff(HttpMethod.Post, "resources", ModelTrainedOn(("atlantis", Guid.NewGuid())));

        foreach (var response in new[] { remote, local, unknownHub })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.True(errors.TryGetProperty("model.trainingDatasets[0]", out _), errors.ToString());
        }
    }

    private static object ModelTrainedOn(params (string Hub, Guid Id)[] datasets) => new
    {
        kind = "model", title = $"Defect model {Guid.NewGuid():N}", licence = "Apache-2.0", accessPolicy = "open", publisher = "RUG",
        model = new
        {
            task = "image-classification", modality = "image", parameterCount = 11_000_000,
            trainingDatasets = datasets.Select(d => new { hubId = d.Hub, resourceId = d.Id }).ToArray(),
            aiAct = new { riskClass = "minimal" },
        },
    };
}

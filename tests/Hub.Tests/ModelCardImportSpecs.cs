using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Federation.Clients.Hubs;
using Federation.Testing;
using Federation.Testing.Hosts;

namespace Federation.Hub.Tests;

/// <summary>Importing a Hugging Face style model card as a draft model: mapped where the federation has a place, noted where not.</summary>
public sealed class ModelCardImportSpecs : SpecsOnAFresh<HubHost>
{
    private static string Card(string pipelineTag, Guid trainingDataset, string title = "# Wafer defect classifier") => $"""
        ---
        license: apache-2.0
        language:
        - en
        tags:
        - vision
        - semiconductors
        pipeline_tag: {pipelineTag}
        datasets:
        - brainport/{trainingDataset}
        - imagenet-1k
        co2_eq_emissions: 12
        eu_ai_act:
          risk_class: high-risk
          annex_iii_area: critical-infrastructure
          intended_purpose: "Quality control in chip fabs."
        model-index:
        - name: wafer-defects
          results:
          - task:
              type: image-classification
            dataset:
              name: Wafer images 2024
              type: brainport/{trainingDataset}
            metrics:
            - type: accuracy
              value: 0.962
        ---

        {title}

        Classifies eight kinds of wafer defects from inspection images.

        ## Intended uses

        Inline inspection in semiconductor fabs.

        ## Out-of-scope use

        Medical imaging.

        ## Bias, Risks, and Limitations

        Trained on one equipment vendor's images only.
        """;

    [Fact]
    public async Task A_model_card_becomes_a_draft_model_with_what_was_left_out_named()
    {
        using var staff = await Host.CreateClientAsync("staff");
        var dataset = (await new HubClient(staff).CreateResourceAsync(ResourceJson.Minimal("dataset", "Wafer images 2024", "approval", "ASML"),
            TestContext.Current.CancellationToken)).EnsureSuccess();

        var response = await staff.PostAsync("/resources/import/model-card?publisher=TU%20Eindhoven&accessPolicy=federation",
            new StringContent(Card("image-classification", dataset.Id), Encoding.UTF8, "text/markdown"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var resource = answer.GetProperty("resource");
        Assert.Equal("Wafer defect classifier", resource.GetProperty("title").GetString());
        Assert.Equal("draft", resource.GetProperty("state").GetString());
        Assert.Equal("Apache-2.0", resource.GetProperty("licence").GetString());
        Assert.Equal("Classifies eight kinds of wafer defects from inspection images.", resource.GetProperty("summary").GetString());
        var model = resource.GetProperty("model");
        Assert.Equal("image-classification", model.GetProperty("task").GetString());
        Assert.Equal("high-risk", model.GetProperty("aiAct").GetProperty("riskClass").GetString());
        Assert.Equal(dataset.Id, model.GetProperty("trainingDatasets")[0].GetProperty("resourceId").GetGuid());
        Assert.Equal(0.962, model.GetProperty("evaluations")[0].GetProperty("value").GetDouble());
        Assert.Equal("Medical imaging.", model.GetProperty("outOfScopeUse").GetString());
        Assert.Equal("Trained on one equipment vendor's images only.", model.GetProperty("limitations").GetString());
        var notes = answer.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Contains(notes, note => note.Contains("imagenet-1k", StringComparison.Ordinal));
        Assert.Contains(notes, note => note.Contains("co2_eq_emissions", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("mind-reading", "# Wafer defect classifier", "model.task")]
    [InlineData("image-classification", "No heading here", "title")]
    public async Task A_card_with_bad_values_is_refused_by_field_and_nothing_is_stored(string pipelineTag, string title, string field)
    {
        using var staff = await Host.CreateClientAsync("staff");

        var response = await staff.PostAsync("/resources/import/model-card?publisher=TU%20Eindhoven&accessPolicy=federation",
            new StringContent(Card(pipelineTag, Guid.NewGuid(), title), Encoding.UTF8, "text/markdown"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(0, await Host.CountAsync("hub_resources"));
    }

    [Fact]
    public async Task A_card_that_is_not_UTF_8_is_refused_and_nothing_is_stored()
    {
        using var staff = await Host.CreateClientAsync("staff");
        var bytes = Encoding.UTF8.GetBytes(Card("image-classification", Guid.NewGuid())).Concat(new byte[] { 0xC3, 0x28 }).ToArray();

        var response = await staff.PostAsync("/resources/import/model-card?publisher=TU%20Eindhoven&accessPolicy=federation",
            new ByteArrayContent(bytes) { Headers = { ContentType = new("text/markdown") } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("UTF-8", errors.GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Host.CountAsync("hub_resources"));
    }
}

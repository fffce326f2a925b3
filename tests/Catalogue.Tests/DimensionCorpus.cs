using Federation.Contracts;
using Federation.Contracts.Metadata;

namespace Federation.Catalogue.Tests;

/// <summary>Resources of one hub that between them carry a value for every dimension of the registry (checked in <see cref="SearchDimensionSpecs"/>).</summary>
internal static class DimensionCorpus
{
    public static ResourceSnapshot[] Of(string hub) =>
    [
        CatalogueHost.Resource(hub, "Traffic counts Eindhoven", keywords: ["Mobility"], themes: ["TRAN"]) with
        {
            Dataset = new DatasetMetadata(UpdateFrequency: "MONTHLY", ContainsPersonalData: false),
            Sovereignty = new Sovereignty("NL"),
        },
        CatalogueHost.Resource(hub, "Hospital admissions Limburg", access: AccessPolicy.Approval) with
        {
            Dataset = new DatasetMetadata(UpdateFrequency: "WEEKLY", ContainsPersonalData: true, LegalBasis: "public-task"),
        },
        CatalogueHost.Resource(hub, "Crop yield forecaster", kind: ResourceKind.Model, licence: "MIT") with
        {
            Model = new ModelCard("time-series-forecasting", "time-series", AiAct: new AiActClassification("minimal")),
        },
        CatalogueHost.Resource(hub, "Vision lab Eindhoven", kind: ResourceKind.Expertise) with
        {
            Expertise = new ExpertiseProfile("team", ["computer-vision"], ["edge-ai"], ["C"], "NL-NB", ["nl"], "available"),
        },
        ComputeOffers.Snapshot(hub, "GPU fast track", ComputeOffers.H100FastTrack),
    ];

    /// <summary>Publishes the corpus through the broker and waits until search finds all of it.</summary>
    public static async Task<ResourceSnapshot[]> PublishAsync(CatalogueHost catalogue, string hub)
    {
        var corpus = Of(hub);
        for (var i = 0; i < corpus.Length; i++)
        {
            await catalogue.PublishAsync(Snapshots.Event(corpus[i], i + 1));
        }

        await catalogue.WaitForSearchAsync($"hub={hub}", r => r.GetProperty("total").GetInt64() == corpus.Length, "the corpus to be indexed");
        return corpus;
    }
}

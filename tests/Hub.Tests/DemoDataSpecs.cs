using System.Text.Json;
using Federation.Hub.DemoData;
using Federation.Hub.Resources;
using Federation.Contracts.Serialization;
using Federation.Testing;

namespace Federation.Hub.Tests;

/// <summary>
/// The demo data the run command seeds: every entry passes the hub's own validation (the seeder skips one that does
/// not, which would quietly thin the demo), carries the metadata of its kind, and every lineage link names a dataset
/// that exists in the other hub's file.
/// </summary>
public sealed class DemoDataSpecs
{
    private static readonly string Folder = Path.Combine(LocalInfrastructure.RepositoryRoot, "services", "Hub", "DemoData");

    // Member id and kind (hub or facility), from the table the local run starts the federation from.
    private static readonly (string Id, string Kind)[] Members = [.. File.ReadAllLines(Path.Combine(LocalInfrastructure.RepositoryRoot, "infra", "hubs.tsv"))
        .Where(line => line.Length > 0 && !line.StartsWith('#')).Select(line => line.Split('\t')).Select(columns => (columns[0], columns[5]))];

    private static readonly string[] HubIds = [.. Members.Select(member => member.Id)];

    public static TheoryData<string, string> Hubs() => [.. Members];

    [Theory]
    [MemberData(nameof(Hubs))]
    public void Every_demo_resource_is_valid_and_carries_the_metadata_of_its_kind(string hub, string memberKind)
    {
        var items = Read(hub);
        // A hub shows a full range of datasets, models and expertise; a facility its compute offers and service centre.
        Assert.True(items.Length >= (memberKind == "facility" ? 4 : 10), $"{hub} has only {items.Length} demo resources");
        if (memberKind == "facility")
        {
            Assert.True(items.Count(i => i.Kind == "compute") >= 3, $"{hub} offers fewer than three kinds of compute");
        }

        foreach (var item in items)
        {
            var (content, errors) = ResourceValidator.Validate(item.ToInput(), memberKind);
            Assert.True(content is not null, $"{hub}: '{item.Title}' is refused: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
            Assert.True(content!.Kind switch
            {
                Contracts.ResourceKind.Dataset => content.Dataset is not null,
                Contracts.ResourceKind.Model => content.Model?.AiAct is not null,
                Contracts.ResourceKind.Compute => content.Compute is { Partitions.Count: > 0 } && content.Sovereignty is not null,
                _ => content.Expertise is { Skills.Count: > 0 },
            }, $"{hub}: '{item.Title}' lacks the metadata of a {content.Kind}");
        }

        Assert.Equal(items.Length, items.Select(i => i.Title).Distinct().Count());
    }

    [Fact]
    public void Every_lineage_link_in_the_demo_data_names_a_dataset_of_the_hub_it_names()
    {
        var datasets = HubIds.SelectMany(hub => Read(hub).Where(i => i.Kind == "dataset").Select(i => (hub, i.Title))).ToHashSet();
        var links = HubIds.SelectMany(hub => Read(hub).SelectMany(i => i.TrainedOn ?? []).Select(link => (From: hub, link.Hub, link.Title))).ToList();
        Assert.All(links, link => Assert.Contains((link.Hub, link.Title), datasets));
        // The demo is meant to show lineage that crosses hubs, so some must.
        Assert.True(links.Count(link => link.From != link.Hub) >= 3, $"only {links.Count(link => link.From != link.Hub)} demo lineage links cross hubs");
    }

    private static DemoResource[] Read(string hub) =>
        JsonSerializer.Deserialize<DemoResource[]>(File.ReadAllText(Path.Combine(Folder, $"{hub}.json")), FederationJson.Options) ?? [];
}

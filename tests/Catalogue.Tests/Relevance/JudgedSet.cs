using System.Text.Json;
using System.Text.Json.Serialization;
using Federation.Testing;

namespace Federation.Catalogue.Tests.Relevance;

/// <summary>
/// The judged query set of tests/Relevance: a fixed corpus of resources written for it, in Dutch and English, and
/// queries of both languages with graded judgements of every resource that answers them.
/// </summary>
public sealed record JudgedSet(IReadOnlyList<JudgedResource> Corpus, IReadOnlyList<JudgedQuery> Queries)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static JudgedSet Read()
    {
        var folder = Path.Combine(LocalInfrastructure.RepositoryRoot, "tests", "Relevance");
        return new JudgedSet(
            JsonSerializer.Deserialize<List<JudgedResource>>(File.ReadAllText(Path.Combine(folder, "corpus.json")), Json)!,
            JsonSerializer.Deserialize<List<JudgedQuery>>(File.ReadAllText(Path.Combine(folder, "queries.json")), Json)!);
    }
}

public sealed record JudgedResource(
    string Key, string Kind, string Language, string Title, string Summary, string Description, string[] Keywords, string[] Themes);

public sealed record JudgedQuery(string Query, string Language, string Type, string? Note, Dictionary<string, int> Judgements);

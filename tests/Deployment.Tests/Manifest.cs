using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Federation.Deployment.Tests;

/// <summary>One Kubernetes object (or compose file) as YAML parsed into maps and lists, with path lookups.</summary>
public sealed class Manifest(Dictionary<object, object?> root)
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    public Dictionary<object, object?> Root { get; } = root;

    public string Kind => Text("kind") ?? "";

    public string Name => Text("metadata.name") ?? "";

    public string Namespace => Text("metadata.namespace") ?? "";

    public override string ToString() => $"{Kind} {Namespace}/{Name}";

    /// <summary>Every document of a multi-document YAML text.</summary>
    public static List<Manifest> ParseAll(string yaml)
    {
        // Merge keys ("<<: *anchor") are applied, as compose applies them.
        var parser = new MergingParser(new Parser(new StringReader(yaml)));
        parser.Consume<StreamStart>();
        var documents = new List<Manifest>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (Yaml.Deserialize(parser) is Dictionary<object, object?> map)
            {
                documents.Add(new Manifest(map));
            }
        }

        return documents;
    }

    /// <summary>The value at a dotted path ("spec.template.spec"), or null.</summary>
    public object? Get(string path) => Walk(Root, path);

    public string? Text(string path) => Convert.ToString(Get(path), CultureInfo.InvariantCulture);

    public static object? Walk(object? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = node is Dictionary<object, object?> map && map.TryGetValue(part, out var next) ? next : null;
        }

        return node;
    }

    public static IEnumerable<Dictionary<object, object?>> Maps(object? list) =>
        list is List<object?> items ? items.OfType<Dictionary<object, object?>>() : [];

    public static Dictionary<object, object?> Map(object? node) => node as Dictionary<object, object?> ?? [];
}

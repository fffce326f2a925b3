using System.Diagnostics;
using Federation.Testing;

namespace Federation.Deployment.Tests;

/// <summary>Renders the repository's kustomize overlays with kubectl (on the machine image), once per run.</summary>
public static class Kustomize
{
    private static readonly Lazy<IReadOnlyDictionary<string, List<Manifest>>> Rendered = new(RenderAll);

    public static string OverlaysFolder => Path.Combine(LocalInfrastructure.RepositoryRoot, "k8s", "overlays");

    /// <summary>Every overlay's objects, by overlay name ("central", "hub-brainport", …).</summary>
    public static IReadOnlyDictionary<string, List<Manifest>> Overlays => Rendered.Value;

    public static IEnumerable<Manifest> All => Overlays.Values.SelectMany(objects => objects);

    public static (int ExitCode, string Output, string Errors) Render(string overlay)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", overlay]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var kubectl = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var output = kubectl.StandardOutput.ReadToEndAsync();
        var errors = kubectl.StandardError.ReadToEnd();
        kubectl.WaitForExit();
        return (kubectl.ExitCode, output.Result, errors);
    }

    private static IReadOnlyDictionary<string, List<Manifest>> RenderAll() =>
        Directory.GetDirectories(OverlaysFolder).Order(StringComparer.Ordinal).ToDictionary(
            overlay => Path.GetFileName(overlay),
            overlay => Render(overlay) is (0, var yaml, _) ? Manifest.ParseAll(yaml) : throw new InvalidOperationException($"kubectl kustomize {overlay} failed"));
}

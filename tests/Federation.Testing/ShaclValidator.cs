using System.Diagnostics;
using System.Text.Json;

namespace Federation.Testing;

/// <summary>
/// Runs the real SHACL validator of tests/shacl (rdf-validate-shacl under Node.js, installed by infra/test.sh) on RDF
/// the catalogue exported, against the official DCAT-AP 3.0.0 shapes that lie beside the repository.
/// </summary>
public static class ShaclValidator
{
    public static string ShapesFolder { get; } =
        Path.GetFullPath(Path.Combine(LocalInfrastructure.RepositoryRoot, "..", "shared", "standards", "dcat-ap-3.0.0"));

    /// <summary>Validates Turtle (<c>ttl</c>) or JSON-LD (<c>jsonld</c>) against <c>shapes.ttl</c> and <c>range.ttl</c>.</summary>
    public static async Task<ShaclReport> ValidateAsync(string rdf, string extension)
    {
        var shapes = new[] { "shapes.ttl", "range.ttl" }.Select(file => Path.Combine(ShapesFolder, file)).ToArray();
        var missing = shapes.FirstOrDefault(file => !File.Exists(file));
        if (missing is not null)
        {
            throw new FileNotFoundException($"The DCAT-AP SHACL shapes are missing: expected {missing} (../shared/standards beside the repository).");
        }

        var script = Path.Combine(LocalInfrastructure.RepositoryRoot, "tests", "shacl", "validate.mjs");
        if (!Directory.Exists(Path.Combine(LocalInfrastructure.RepositoryRoot, "tests", "shacl", "node_modules", "rdf-validate-shacl")))
        {
            throw new InvalidOperationException("The SHACL validator is not installed: run 'npm ci' in tests/shacl (infra/test.sh does).");
        }

        var data = Path.Combine(Path.GetTempPath(), $"dcat-ap-{Guid.NewGuid():N}.{extension}");
        await File.WriteAllTextAsync(data, rdf);
        try
        {
            var start = new ProcessStartInfo("node", [script, data, .. shapes]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode is not (0 or 1))
            {
                throw new InvalidOperationException($"The SHACL validator failed ({process.ExitCode}): {errors}");
            }

            using var report = JsonDocument.Parse(output);
            return new ShaclReport(report.RootElement.GetProperty("conforms").GetBoolean(), report.RootElement.GetProperty("triples").GetInt32(), output);
        }
        finally
        {
            File.Delete(data);
        }
    }
}

/// <summary>The validator's verdict; <see cref="Report"/> is its whole JSON report, for the failure message.</summary>
public sealed record ShaclReport(bool Conforms, int Triples, string Report);

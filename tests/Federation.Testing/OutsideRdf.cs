using System.Diagnostics;

namespace Federation.Testing;

/// <summary>
/// RDF read by parsers outside this repository (tests/shacl/canonical.mjs: N3.js, jsonld.js in safe mode,
/// rdfxml-streaming-parser, installed by infra/test.sh), as canonical N-Quads: two documents hold the same graph
/// exactly when their canonical forms are equal, whatever their syntax and blank node labels.
/// </summary>
public static class OutsideRdf
{
    /// <summary>The graph of a document in canonical N-Quads; throws <see cref="OutsideRdfException"/> with the parser's message when it does not parse.</summary>
    public static async Task<string> CanonicalAsync(string document, string syntax, string? baseIri = null)
    {
        var root = Path.Combine(LocalInfrastructure.RepositoryRoot, "tests", "shacl");
        if (!Directory.Exists(Path.Combine(root, "node_modules", "n3")))
        {
            throw new InvalidOperationException("The outside RDF parsers are not installed: run 'npm ci' in tests/shacl (infra/test.sh does).");
        }

        var file = Path.Combine(Path.GetTempPath(), $"rdf-{Guid.NewGuid():N}.{syntax}");
        await File.WriteAllTextAsync(file, document);
        try
        {
            var start = new ProcessStartInfo("node", [Path.Combine(root, "canonical.mjs"), file, syntax, .. baseIri is null ? Array.Empty<string>() : [baseIri]])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode switch
            {
                0 => await output,
                1 => throw new OutsideRdfException($"{syntax} did not parse: {(await errors).Trim()}"),
                _ => throw new InvalidOperationException($"canonical.mjs failed ({process.ExitCode}): {await errors}"),
            };
        }
        finally
        {
            File.Delete(file);
        }
    }
}

/// <summary>An outside parser refused a document.</summary>
public sealed class OutsideRdfException(string message) : Exception(message);

using System.Globalization;
using System.Reflection;

namespace Federation.ServiceDefaults.Postgres;

/// <summary>
/// Reads a schema's steps from SQL files compiled into the service: <c>&lt;feature&gt;/Schema/0001-baseline.sql</c>,
/// <c>0002-&lt;what it changes&gt;.sql</c> … beside the code that uses the tables. The number is the step's version and
/// the rest of the name its name. Files keep SQL where SQL tools and reviewers read it, and the schema's history is a
/// listing of one folder.
/// </summary>
public static class EmbeddedSchema
{
    // A service's project file embeds them as <EmbeddedResource Include="**/Schema/*.sql"
    // LogicalName="%(RecursiveDir)%(Filename)%(Extension)" />, so a file's name is its path: Access/Schema/0001-baseline.sql.
    /// <summary>The steps in <paramref name="folder"/> (relative to the project, e.g. <c>Access</c>), in version order.</summary>
    public static IReadOnlyList<SchemaMigration> Steps(Assembly assembly, string folder)
    {
        var prefix = $"{folder.Trim('/')}/Schema/";
        // RecursiveDir is written with the build machine's separator.
        var steps = assembly.GetManifestResourceNames()
            .Select(resource => (Resource: resource, Path: resource.Replace('\\', '/')))
            .Where(file => file.Path.StartsWith(prefix, StringComparison.Ordinal)
                && file.Path.EndsWith(".sql", StringComparison.Ordinal)
                && !file.Path[prefix.Length..].Contains('/', StringComparison.Ordinal))
            .Select(file => StepOf(assembly, file.Resource, file.Path[prefix.Length..^".sql".Length]))
            .OrderBy(step => step.Version)
            .ToList();
        if (steps.Count == 0)
        {
            throw new InvalidOperationException($"{assembly.GetName().Name} holds no schema steps under {folder}/Schema.");
        }

        return steps;
    }

    private static SchemaMigration StepOf(Assembly assembly, string resource, string fileName)
    {
        var dash = fileName.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !int.TryParse(fileName[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"Schema file {resource} must be named <number>-<name>.sql, e.g. 0002-add-licence-index.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new SchemaMigration(version, fileName[(dash + 1)..], reader.ReadToEnd());
    }
}

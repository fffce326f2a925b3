using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Federation.Testing;

namespace Federation.Deployment.Tests;

/// <summary>
/// The Dockerfiles, read as text (no Docker engine runs here): multi-stage, base images pinned to a .NET patch release,
/// an unprivileged user, a health check the service answers itself — and that health check really works.
/// </summary>
public sealed partial class ContainerImageSpecs
{
    public static TheoryData<string> Services => ["hub", "catalogue", "portal", "authority"];

    [Theory]
    [MemberData(nameof(Services))]
    public void The_image_is_built_in_stages_from_pinned_images_and_runs_unprivileged_with_a_health_check(string service)
    {
        var dockerfile = File.ReadAllLines(Path.Combine(LocalInfrastructure.RepositoryRoot, "infra", "docker", $"{service}.Dockerfile"));
        var instructions = dockerfile.Where(line => !line.TrimStart().StartsWith('#') && line.Trim().Length > 0).ToList();

        Assert.Equal(2, instructions.Count(line => line.StartsWith("FROM ", StringComparison.Ordinal)));
        var baseImages = instructions.Where(line => line.StartsWith("ARG ", StringComparison.Ordinal) && line.Contains("_IMAGE=", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, baseImages.Count);
        Assert.All(baseImages, line => Assert.Matches(PinnedDotnetImage(), line));
        var user = Assert.Single(instructions, line => line.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotContain("root", user, StringComparison.Ordinal);
        Assert.True(instructions.FindIndex(line => line.StartsWith("USER ", StringComparison.Ordinal))
            > instructions.FindLastIndex(line => line.StartsWith("FROM ", StringComparison.Ordinal)), "USER is set in the final stage");
        Assert.Contains(instructions, line => line.StartsWith("HEALTHCHECK ", StringComparison.Ordinal) && line.Contains("--probe", StringComparison.Ordinal));
        Assert.Contains(instructions, line => line.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_project_the_service_references_is_copied_before_the_restore(string service)
    {
        var dockerfile = File.ReadAllLines(Path.Combine(LocalInfrastructure.RepositoryRoot, "infra", "docker", $"{service}.Dockerfile"));
        var restore = Array.FindIndex(dockerfile, line => line.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        var copiedFirst = dockerfile[..restore].Where(line => line.StartsWith("COPY ", StringComparison.Ordinal)).Select(line => line.Split(' ')[1]).ToHashSet();
        var project = Directory.GetFiles(Path.Combine(LocalInfrastructure.RepositoryRoot, "services", char.ToUpperInvariant(service[0]) + service[1..]), "*.csproj").Single();

        var needed = ReferencedProjects(project).Select(path => Path.GetRelativePath(LocalInfrastructure.RepositoryRoot, path).Replace('\\', '/')).ToList();

        Assert.True(restore > 0, "the Dockerfile restores before it copies the sources");
        Assert.All(needed, path => Assert.Contains(path, copiedFirst));
    }

    [Fact]
    public async Task The_health_probe_exits_zero_only_when_the_service_answers_ready()
    {
        using var listener = new HttpListener();
        var port = FreePorts.Next();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var answering = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                var context = await listener.GetContextAsync();
                context.Response.StatusCode = context.Request.Url!.AbsolutePath == "/health/ready" ? 200 : 503;
                context.Response.Close();
            }
        });

        Assert.Equal(0, await ProbeAsync($"http://127.0.0.1:{port}/health/ready"));
        // Without a URL, as the image's HEALTHCHECK runs it: the port from ASPNETCORE_HTTP_PORTS, the path /health/ready.
        Assert.Equal(0, await ProbeAsync(url: null, httpPorts: port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(1, await ProbeAsync($"http://127.0.0.1:{port}/health/starting"));
        Assert.Equal(1, await ProbeAsync($"http://127.0.0.1:{FreePorts.Next()}/health/ready"));
        listener.Stop();
        await answering.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>Runs the catalogue's assembly as the container's HEALTHCHECK does, with the URL (or port) given.</summary>
    private static async Task<int> ProbeAsync(string? url, string? httpPorts = null)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(LocalInfrastructure.RepositoryRoot, "services", "Catalogue", "bin", configuration, "net10.0", "Federation.Catalogue.dll");
        var start = new ProcessStartInfo("dotnet", url is null ? [dll, "--probe"] : [dll, "--probe", url]) { RedirectStandardError = true, RedirectStandardOutput = true };
        if (httpPorts is not null)
        {
            start.Environment["ASPNETCORE_HTTP_PORTS"] = httpPorts;
        }

        using var probe = Process.Start(start)!;
        await probe.WaitForExitAsync();
        return probe.ExitCode;
    }

    // The project and every project it references, directly or through another.
    private static HashSet<string> ReferencedProjects(string project, HashSet<string>? seen = null)
    {
        seen ??= [];
        if (!seen.Add(Path.GetFullPath(project)))
        {
            return seen;
        }

        foreach (Match reference in ProjectReference().Matches(File.ReadAllText(project)))
        {
            ReferencedProjects(Path.Combine(Path.GetDirectoryName(project)!, reference.Groups[1].Value), seen);
        }

        return seen;
    }

    [GeneratedRegex("<ProjectReference Include=\"([^\"]+)\"")]
    private static partial Regex ProjectReference();

    [GeneratedRegex(@"^ARG [A-Z_]+=mcr\.microsoft\.com/dotnet/(sdk|aspnet):10\.0\.[0-9]+(-[a-z]+)?$")]
    private static partial Regex PinnedDotnetImage();
}

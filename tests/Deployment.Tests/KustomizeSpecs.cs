using System.Text.RegularExpressions;
using Federation.Testing;
using static Federation.Deployment.Tests.Manifest;

namespace Federation.Deployment.Tests;

/// <summary>
/// The Kubernetes manifests as kustomize renders them: every overlay renders, every hub is a cluster of its own with
/// its own issuer and database, no secret value is written down, every container is probed, limited and unprivileged,
/// every image is pinned, and a network policy fences in every workload.
/// </summary>
public sealed partial class KustomizeSpecs
{
    private static readonly string[] HubIds = File.ReadAllLines(Path.Combine(LocalInfrastructure.RepositoryRoot, "infra", "hubs.tsv"))
        .Where(line => line.Length > 0 && !line.StartsWith('#')).Select(line => line.Split('\t')[0]).ToArray();

    [Fact]
    public void Every_overlay_renders_and_there_is_one_per_hub_and_one_for_the_central_services()
    {
        var overlays = Directory.GetDirectories(Kustomize.OverlaysFolder).Select(Path.GetFileName).ToList();
        Assert.Equal(HubIds.Select(id => $"hub-{id}").Append("central").Order(), overlays.Order());
        foreach (var overlay in Directory.GetDirectories(Kustomize.OverlaysFolder))
        {
            var (exitCode, output, errors) = Kustomize.Render(overlay);
            Assert.True(exitCode == 0, $"kubectl kustomize {overlay}: {errors}");
            Assert.NotEmpty(ParseAll(output));
        }
    }

    [Fact]
    public void Every_hub_has_its_own_cluster_id_issuer_url_namespace_and_database()
    {
        var issuers = new HashSet<string>();
        var clusters = new HashSet<string>();
        var databases = new HashSet<string>();
        foreach (var hubId in HubIds)
        {
            var objects = Kustomize.Overlays[$"hub-{hubId}"];
            var ns = $"hub-{hubId}";
            Assert.All(objects.Where(o => o.Kind != "Namespace"), o => Assert.Equal(ns, o.Namespace));
            var namespaceObject = Assert.Single(objects, o => o.Kind == "Namespace");
            Assert.Equal(ns, namespaceObject.Name);
            Assert.Equal("hub", Map(namespaceObject.Get("metadata.labels"))["federation.nl/role"]);

            var hub = Assert.Single(objects, o => o.Kind == "Deployment");
            Assert.True(int.Parse(hub.Text("spec.replicas")!) >= 2, $"{hubId} runs fewer than two silos");
            var labels = Map(hub.Get("spec.template.metadata.labels"));
            Assert.Equal(hubId, labels["orleans/serviceId"]);
            Assert.Equal(hubId, labels["orleans/clusterId"]);
            Assert.True(clusters.Add(hubId));

            var settings = Settings(objects, "hub-settings");
            Assert.Equal(hubId, settings["Hub__Id"]);
            var issuer = new Uri(settings["Hub__PublicUrl"]);
            Assert.Equal(Uri.UriSchemeHttps, issuer.Scheme);
            Assert.True(issuers.Add(issuer.Host), $"{issuer} is the issuer of two hubs");
            var ingress = Assert.Single(objects, o => o.Kind == "Ingress");
            Assert.Equal(issuer.Host, Maps(ingress.Get("spec.rules")).Single()["host"]);
            Assert.Contains(issuer.Host, Maps(ingress.Get("spec.tls")).SelectMany(tls => (List<object?>)tls["hosts"]!).Cast<string>());
            Assert.Equal("true", Settings(objects, "hub-common")["Orleans__Kubernetes"]);
            // It trusts the authority's key alone, and signs with a key of its own from its own namespace's Secret.
            Assert.StartsWith("/etc/federation/anchor/", Settings(objects, "hub-common")["Federation__Authority__PublicKeyFiles__0"], StringComparison.Ordinal);
            Assert.Contains(Maps(hub.Get("spec.template.spec.volumes")), volume => (string?)Walk(volume, "secret.secretName") == "hub-federation-key");

            var database = Assert.Single(objects, o => o.Kind == "Cluster" && o.Text("apiVersion")!.StartsWith("postgresql.cnpg.io/", StringComparison.Ordinal));
            Assert.True(databases.Add($"{database.Namespace}/{database.Name}"));
            var connection = EnvOf(hub).Single(e => (string)e["name"]! == "ConnectionStrings__Hub");
            Assert.Contains($"Host={database.Name}-rw;", (string)connection["value"]!, StringComparison.Ordinal);
            // The hub works as a role that owns nothing (so it cannot rewrite its audit log); the owner only migrates.
            Assert.Contains("Username=hub_app;", (string)connection["value"]!, StringComparison.Ordinal);
            Assert.Contains("Username=hub;", (string)EnvOf(hub).Single(e => (string)e["name"]! == "ConnectionStrings__HubOwner")["value"]!, StringComparison.Ordinal);
            Assert.Contains(Maps(database.Get("spec.managed.roles")), role => (string)role["name"]! == "hub_app" && role["superuser"] is false or "false");
            Assert.Contains(objects, o => o.Kind == "Role" && Maps(o.Get("rules")).Any(rule => ((List<object?>)rule["resources"]!).Contains("pods")));
        }

        Assert.Equal(HubIds.Length, databases.Count);
    }

    [Fact]
    public void No_secret_value_is_written_in_a_manifest()
    {
        Assert.DoesNotContain(Kustomize.All, o => o.Kind == "Secret");
        foreach (var configMap in Kustomize.All.Where(o => o.Kind == "ConfigMap"))
        {
            Assert.DoesNotContain(Map(configMap.Get("data")).Keys.Cast<string>(), key => SecretName().IsMatch(key));
        }

        foreach (var workload in Kustomize.All.Where(o => o.Kind == "Deployment"))
        {
            foreach (var variable in EnvOf(workload))
            {
                var name = (string)variable["name"]!;
                if (SecretName().IsMatch(name))
                {
                    Assert.True(Walk(variable, "valueFrom.secretKeyRef.name") is string, $"{workload}: {name} is not taken from a Secret");
                }

                if (variable.TryGetValue("value", out var value) && value is string text && text.Contains("Password=", StringComparison.OrdinalIgnoreCase))
                {
                    Assert.Matches(@"Password=\$\([A-Z_]+\);", text);
                }
            }
        }
    }

    [Fact]
    public void Every_container_is_probed_limited_and_unprivileged()
    {
        var deployments = Kustomize.All.Where(o => o.Kind == "Deployment").ToList();
        Assert.Equal(HubIds.Length + 3, deployments.Count);
        foreach (var workload in deployments)
        {
            var pod = Map(workload.Get("spec.template.spec"));
            Assert.Equal("true", Walk(pod, "securityContext.runAsNonRoot"));
            foreach (var container in Maps(pod["containers"]))
            {
                var what = $"{workload} container {container["name"]}";
                foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
                {
                    Assert.True(Walk(container, $"{probe}.httpGet.path") is string, $"{what} has no {probe}");
                }

                foreach (var resource in new[] { "requests.cpu", "requests.memory", "limits.cpu", "limits.memory" })
                {
                    Assert.True(Walk(container, $"resources.{resource}") is string, $"{what} has no {resource}");
                }

                Assert.Equal("true", Walk(container, "securityContext.runAsNonRoot"));
                Assert.Equal("false", Walk(container, "securityContext.allowPrivilegeEscalation"));
                Assert.Equal("true", Walk(container, "securityContext.readOnlyRootFilesystem"));
                Assert.Contains("ALL", (List<object?>)Walk(container, "securityContext.capabilities.drop")!);
            }

            Assert.Contains(Kustomize.All, pdb => pdb.Kind == "PodDisruptionBudget" && pdb.Namespace == workload.Namespace
                && Selects(Map(pdb.Get("spec.selector.matchLabels")), Map(workload.Get("spec.template.metadata.labels"))));
        }
    }

    [Fact]
    public void Every_image_is_pinned_to_a_version()
    {
        var images = Kustomize.All.Where(o => o.Kind == "Deployment")
            .SelectMany(o => Maps(o.Get("spec.template.spec.containers")).Select(c => (string)c["image"]!))
            .Concat(Kustomize.All.Where(o => o.Kind == "RabbitmqCluster").Select(o => o.Text("spec.image")!))
            .Concat(Kustomize.All.Where(o => o.Kind == "Cluster").Select(o => o.Text("spec.imageName")!))
            .ToList();
        Assert.NotEmpty(images);
        Assert.All(images, image => Assert.Matches(PinnedImage(), image));
    }

    [Fact]
    public void A_network_policy_fences_in_every_workload()
    {
        var workloads = Kustomize.All.Where(o => o.Kind == "Deployment")
            .Select(o => (o, Labels: Map(o.Get("spec.template.metadata.labels"))))
            .Concat(Kustomize.All.Where(o => o.Kind == "Cluster").Select(o => (o, Labels: new Dictionary<object, object?> { ["cnpg.io/cluster"] = o.Name })))
            .Concat(Kustomize.All.Where(o => o.Kind == "RabbitmqCluster")
                .Select(o => (o, Labels: Map(o.Get("spec.override.statefulSet.spec.template.metadata.labels")))))
            .ToList();
        Assert.Equal(HubIds.Length * 2 + 6, workloads.Count);
        foreach (var (workload, labels) in workloads)
        {
            Assert.True(Kustomize.All.Any(policy => policy.Kind == "NetworkPolicy" && policy.Namespace == workload.Namespace
                    && Selects(Map(policy.Get("spec.podSelector.matchLabels")), labels)
                    && policy.Get("spec.policyTypes") is List<object?> types && types.Contains("Ingress") && types.Contains("Egress")),
                $"no network policy limits both directions of {workload}");
        }
    }

    [Fact]
    public void The_catalogue_scales_on_cpu_and_queue_depth_and_the_broker_runs_three_nodes()
    {
        var central = Kustomize.Overlays["central"];
        var scaler = Assert.Single(central, o => o.Kind == "HorizontalPodAutoscaler");
        Assert.Equal("catalogue", scaler.Text("spec.scaleTargetRef.name"));
        var metrics = Maps(scaler.Get("spec.metrics")).ToList();
        Assert.Contains(metrics, m => (string?)m["type"] == "Resource" && (string?)Walk(m, "resource.name") == "cpu");
        Assert.Contains(metrics, m => (string?)m["type"] == "External" && (string?)Walk(m, "external.metric.selector.matchLabels.queue") == "catalogue");

        var broker = Assert.Single(central, o => o.Kind == "RabbitmqCluster");
        Assert.True(int.Parse(broker.Text("spec.replicas")!) >= 3);
    }

    private static Dictionary<string, string> Settings(List<Manifest> objects, string configMap) =>
        Map(Assert.Single(objects, o => o.Kind == "ConfigMap" && o.Name.StartsWith(configMap + "-", StringComparison.Ordinal)).Get("data"))
            .ToDictionary(pair => (string)pair.Key, pair => (string)pair.Value!);

    private static IEnumerable<Dictionary<object, object?>> EnvOf(Manifest workload) =>
        Maps(workload.Get("spec.template.spec.containers")).SelectMany(container => Maps(container.GetValueOrDefault("env")));

    private static bool Selects(Dictionary<object, object?> selector, Dictionary<object, object?> labels) =>
        selector.Count > 0 && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && Equals(value, pair.Value));

    [GeneratedRegex("password|secret", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    // registry/name:1.2 or :1.2.3 (with an optional suffix such as -noble) and optionally @sha256:…; never "latest".
    [GeneratedRegex(@"^[a-z0-9./-]+:(?!latest)[0-9]+\.[0-9]+(\.[0-9]+)?[A-Za-z0-9._-]*(@sha256:[0-9a-f]{64})?$")]
    private static partial Regex PinnedImage();
}

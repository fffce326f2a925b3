using System.Net;

namespace Federation.Catalogue.Tests;

/// <summary>
/// Generated hostile searches: full-text and SQL metacharacters, markup, huge and negative numbers, forged cursors,
/// unknown sorts and facet values. Each is answered (200) or refused with problem details (400), never a server error.
/// The catalogue's other public endpoints (registry, exports, lineage) get the same treatment.
/// </summary>
public sealed class SearchAbuseSpecs
{
    private static readonly string[] Words =
    [
        "energie", "&", "|", "!", "(", ")", ":*", "<->", "<2>", "'", "''", "\"", "\\", "%", "_", "*", "--", ";", "/*", "*/",
        "' OR 1=1 --", "'; DROP TABLE mt_doc_catalogueresource; --", "$$", "E'\\x00'", "<script>alert(1)</script>", "&amp;",
        "\u0000", "\u0001", "\uFFFD", "🤖", "ß", "İ", "a:*&!b|(c<->d)", "!!!!", "((((", "))))", "energie:*", "-", "+", "~",
    ];

    private static readonly string[] Numbers = ["-1", "0", "1", "20", "200", "201", "1000000", "99999999999999999999", "1e3", "abc", "", "2.5", "-0", "0x10"];

    private static readonly string[] Cursors = ["", "-1", "abc", "eyJ4IjoxfQ", "%%%", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", new string('A', 5000)];

    private static readonly string[] Parameters = ["kind", "hub", "licence", "accessPolicy", "keyword", "theme", "riskClass", "sort", "modality", "skill", "region"];

    [Fact]
    public async Task Thousands_of_hostile_searches_are_answered_or_refused_in_words_never_with_a_server_error()
    {
        await using var catalogue = await CatalogueHost.StartAsync(new Dictionary<string, string> { ["RateLimits:Enabled"] = "false" });
        var random = new Random(20261129);
        var answered = 0;
        var refused = 0;

        for (var i = 0; i < 2_000; i++)
        {
            var q = string.Join(' ', Enumerable.Range(0, random.Next(1, 6)).Select(_ => Words[random.Next(Words.Length)]));
            if (random.Next(20) == 0)
            {
                q = new string('a', random.Next(1_000, 20_000));
            }

            var query = $"q={Uri.EscapeDataString(q)}";
            query += random.Next(3) switch
            {
                0 => $"&pageSize={Uri.EscapeDataString(Numbers[random.Next(Numbers.Length)])}&page={Uri.EscapeDataString(Numbers[random.Next(Numbers.Length)])}",
                1 => $"&cursor={Uri.EscapeDataString(Cursors[random.Next(Cursors.Length)])}",
                _ => $"&{Parameters[random.Next(Parameters.Length)]}={Uri.EscapeDataString(Words[random.Next(Words.Length)])}",
            };

            using var response = await catalogue.Client.GetAsync($"/search?{query}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"GET /search?{query}: {(int)response.StatusCode} {body}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                answered++;
            }
            else
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                refused++;
            }
        }

        // Both kinds of answer occurred, so the generator reached past the parser into the search itself.
        Assert.True(answered > 100 && refused > 100, $"{answered} answered, {refused} refused");
    }

    private static readonly string[] AcceptHeaders =
    [
        "text/html;q=2", "*/*;q=-1", "application/ld+json;profile=", "application/ld+json;profile=\"", "text/x-bibliography;style",
        ";;;", "*/html", "text/*;q=0.5, */*;q=0", "application/ld+json;profile=\"https://schema.org/ http://www.w3.org/ns/json-ld#expanded\"",
        new string('a', 8_000) + "/b", string.Join(", ", Enumerable.Repeat("text/turtle;q=0.1", 500)),
    ];

    [Fact]
    public async Task Hostile_input_at_every_other_catalogue_endpoint_is_answered_or_refused_in_words()
    {
        await using var catalogue = await CatalogueHost.StartAsync(new Dictionary<string, string> { ["RateLimits:Enabled"] = "false" });
        var random = new Random(29112026);
        var known = Guid.NewGuid();
        // One resource the paths can name, so what follows its lookup (the persistent URI's negotiation) is reached too.
        var hub = CatalogueHost.NewHubId();
        await catalogue.PublishAsync(Snapshots.Event(CatalogueHost.Resource(hub, "Bekend", id: known), 1));
        await catalogue.WaitForSearchAsync($"hub={hub}", r => r.GetProperty("total").GetInt64() == 1, "the known resource to be indexed");
        // A NUL in a path is refused by the test host's client before it is sent (Kestrel answers 400); in a query it goes.
        var inPaths = Words.Where(word => !word.Contains('\0', StringComparison.Ordinal)).ToArray();
        var inHeaders = inPaths.Where(word => !word.Any(char.IsControl)).ToArray();
        string[] paths =
        [
            "/hubs/{w}", "/export/dcat-ap?page={n}&pageSize={n}&format={w}", "/resources/{g}/dcat-ap?format={w}", "/resources/{g}/schema-org",
            "/resources/{g}/croissant", "/resources/{g}/model-card", "/resources/{g}/lineage", "/resources/{g}", "/federation/trust-list?x={w}",
            "/id/{w}/{g}", "/id/{w}/{g}?format={w}", "/id/{hub}/{g}", "/id/{hub}/{g}?format={w}",
        ];
        for (var i = 0; i < 1_500; i++)
        {
            var template = paths[random.Next(paths.Length)];
            var words = template.StartsWith("/hubs/", StringComparison.Ordinal) || template.StartsWith("/id/", StringComparison.Ordinal) ? inPaths : Words;
            var path = template
                .Replace("{w}", Uri.EscapeDataString(words[random.Next(words.Length)]), StringComparison.Ordinal)
                .Replace("{n}", Uri.EscapeDataString(Numbers[random.Next(Numbers.Length)]), StringComparison.Ordinal)
                .Replace("{hub}", hub, StringComparison.Ordinal)
                .Replace("{g}", random.Next(4) switch
                {
                    0 => known.ToString(),
                    1 => Guid.Empty.ToString(),
                    2 => Uri.EscapeDataString(inPaths[random.Next(inPaths.Length)]),
                    _ => known.ToString().ToUpperInvariant(),
                }, StringComparison.Ordinal);

            // What a request accepts is hostile too, where it chooses the answer's form (the persistent URIs).
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            var accept = random.Next(3) == 0 ? AcceptHeaders[random.Next(AcceptHeaders.Length)] : inHeaders[random.Next(inHeaders.Length)];
            request.Headers.TryAddWithoutValidation("Accept", accept);
            using var response = await catalogue.Client.SendAsync(request);
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"GET {path} (Accept: {accept}): {status} {await response.Content.ReadAsStringAsync()}");
            if (status >= 400)
            {
                Assert.True("application/problem+json" == response.Content.Headers.ContentType?.MediaType, $"GET {path} (Accept: {accept}): {status} as {response.Content.Headers.ContentType}");
            }
        }
    }
}

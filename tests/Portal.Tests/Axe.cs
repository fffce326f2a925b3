using System.Text.Json;
using Federation.Testing;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>axe-core (from the npm registry, installed by infra/test.sh) run in the page: its WCAG 2.1 A and AA violations, as text.</summary>
internal static class Axe
{
    private static readonly string Script = Path.Combine(LocalInfrastructure.RepositoryRoot, "tests", "Portal.Tests", "axe", "node_modules", "axe-core", "axe.min.js");

    public static async Task<List<string>> AccessibilityViolationsAsync(this IPage page)
    {
        // Evaluated through the browser's debugging protocol, which the portal's Content-Security-Policy does not
        // govern; a script tag would be refused by it, as it must refuse any script the portal did not serve itself.
        await page.EvaluateAsync(await File.ReadAllTextAsync(Script));
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))
                .violations.map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)
            """);
        return [.. violations.EnumerateArray().Select(v => v.GetString()!)];
    }
}

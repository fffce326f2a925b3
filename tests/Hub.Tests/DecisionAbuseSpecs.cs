using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Federation.Clients.Hubs;
using Federation.Contracts.Hub;
using Federation.Testing;

namespace Federation.Hub.Tests;

/// <summary>
/// Thousands of malformed staff decisions (approve, deny, accept, decline, grant, revoke) with a pending request, a
/// pending introduction and a live grant in place: every one is refused with 400 or 413 and problem details, and
/// afterwards the request and the introduction are still pending, the grant still live, and nobody was told anything.
/// </summary>
public sealed class DecisionAbuseSpecs : StaffHubSpecs
{
    private static readonly JsonNode?[] BadTexts = ["", "   ", new string('r', 1_001), new string('r', 50_000), 5, true, new JsonArray("a reason"), new JsonObject { ["text"] = "a reason" }];
    private static readonly JsonNode?[] BadKinds = ["", "admin", "PERSON", "everyone", "person ", 5, false, new JsonArray("person"), new JsonObject()];
    private static readonly JsonNode?[] BadDates =
    [
        "2001-01-01T00:00:00Z", DateTimeOffset.UtcNow.AddYears(5).ToString("O"), "tomorrow", "", "2026-13-45T99:99:99Z", 1_900_000_000, new JsonArray(), "0001-01-01",
    ];

    [Fact]
    public async Task Thousands_of_malformed_decisions_are_refused_and_change_nothing()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var dataset = await StaffApi.PublishedAsync(ResourceJson.Minimal("dataset", "Beperkte grondwatermetingen", "approval", "Wetterskip"));
        var offer = await StaffApi.PublishedAsync(ResourceJson.TimeSeriesTeam("Team voor hydrologische modellen", "RUG"));
        using var memberHttp = await Host.CreateClientAsync("researcher");
        var member = new HubClient(memberHttp);
        var request = (await member.RequestAccessAsync(dataset, new AccessRequestInput("Calibrating a groundwater model for a regional study.", AcceptTerms: true),
            cancellation)).EnsureSuccess();
        var introduction = (await member.AskIntroductionAsync(offer, new IntroductionInput("We would like to discuss a joint project on drought forecasting."),
            cancellation)).EnsureSuccess();
        var memberId = request.RequesterSubject;
        var expires = DateTimeOffset.UtcNow.AddDays(30);
        var grant = (await StaffApi.GrantAsync(dataset, new GrantInput("person", Host.HubId, memberId, GranteeOrganisation: null, expires), cancellation)).EnsureSuccess();
        var outboxBefore = await Host.CountAsync("hub_outbox");
        var auditBefore = await Host.CountAsync("hub_audit");
        var random = new Random(2026_11_29);

        // Each endpoint's valid body, as the contract writes it, then spoiled member by member into what no contract type can hold.
        var endpoints = new (string Path, JsonObject Valid, (string Field, JsonNode?[] Bad, bool MayBeMissing)[] Fields)[]
        {
            ($"/access-requests/{request.Id}/approve", ResourceJson.ToJsonObject(new ApprovalInput("person", expires, "Fine.")),
                [("grantTo", BadKinds, true), ("expiresAt", BadDates, false), ("reason", BadTexts[2..], true)]),
            ($"/access-requests/{request.Id}/deny", ResourceJson.ToJsonObject(new DenialInput("Not for this purpose.")), [("reason", BadTexts, false)]),
            ($"/introductions/{introduction.Id}/accept", ResourceJson.ToJsonObject(new DecisionInput("Happy to talk.")), [("reason", BadTexts[2..], true)]),
            ($"/introductions/{introduction.Id}/decline", ResourceJson.ToJsonObject(new DecisionInput("No capacity.")), [("reason", BadTexts, false)]),
            ($"/resources/{dataset}/grants", ResourceJson.ToJsonObject(new GrantInput("person", Host.HubId, memberId, GranteeOrganisation: null, expires)),
                [("granteeKind", BadKinds, false), ("granteeHub", ["", "nowhere", "brainport ", 5, new JsonArray()], false), ("granteeSubject", ["", new string('s', 201), 7], false), ("expiresAt", BadDates, false)]),
            ($"/grants/{grant.Id}/revoke", ResourceJson.ToJsonObject(new RevocationInput("Project ended.")), [("reason", BadTexts, false)]),
        };

        foreach (var (path, valid, fields) in endpoints)
        {
            foreach (var (name, body) in Spoiled(valid, fields, random))
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await Staff.PostAsync(path, content);
                var status = (int)response.StatusCode;
                Assert.True(status is 400 or 413, $"POST {path} with {name}: {status} {await response.Content.ReadAsStringAsync()}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        var requests = await Staff.GetFromJsonAsync<JsonElement>("/access-requests?state=pending");
        Assert.Contains(requests.EnumerateArray(), r => r.GetProperty("id").GetString() == request.Id.ToString());
        var introductions = await Staff.GetFromJsonAsync<JsonElement>("/introductions?state=pending");
        Assert.Contains(introductions.EnumerateArray(), i => i.GetProperty("id").GetString() == introduction.Id.ToString());
        var grants = await Staff.GetFromJsonAsync<JsonElement>($"/grants?resourceId={dataset}");
        var only = Assert.Single(grants.EnumerateArray());
        Assert.Equal(JsonValueKind.Null, only.GetProperty("revokedAt").ValueKind);
        Assert.Equal(outboxBefore, await Host.CountAsync("hub_outbox"));
        Assert.Equal(auditBefore, await Host.CountAsync("hub_audit"));
    }

    /// <summary>
    /// Each field at each bad value (and missing, where it must be there), then random mixtures, then bodies that are
    /// broken as JSON: cut short, with an unknown property, invalid UTF-8, absurdly nested, too large, not an object.
    /// </summary>
    private static IEnumerable<(string Name, byte[] Body)> Spoiled(JsonObject valid, (string Field, JsonNode?[] Bad, bool MayBeMissing)[] fields, Random random)
    {
        byte[] Json(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
        JsonObject With(string field, JsonNode? value, bool remove = false)
        {
            var body = (JsonObject)valid.DeepClone();
            if (remove)
            {
                body.Remove(field);
            }
            else
            {
                body[field] = value?.DeepClone();
            }

            return body;
        }

        foreach (var (field, bad, mayBeMissing) in fields)
        {
            foreach (var value in bad)
            {
                var shown = value?.ToJsonString() ?? "null";
                yield return ($"{field} = {(shown.Length < 40 ? shown : "(long)")}", Json(With(field, value)));
            }

            if (!mayBeMissing)
            {
                yield return ($"{field} missing", Json(With(field, null, remove: true)));
                yield return ($"{field} null", Json(With(field, null)));
            }
        }

        JsonObject WithExtra(string name, int value)
        {
            var body = (JsonObject)valid.DeepClone();
            body[name] = value;
            return body;
        }

        var text = valid.ToJsonString();
        for (var i = 0; i < 400; i++)
        {
            var (field, bad, _) = fields[random.Next(fields.Length)];
            var spoiled = With(field, bad[random.Next(bad.Length)]);
            yield return (i % 4) switch
            {
                0 => ($"mixture #{i}", Json(spoiled)),
                1 => ($"truncated #{i}", Encoding.UTF8.GetBytes(text[..random.Next(1, text.Length - 1)])),
                2 => ($"unknown property #{i}", Json(WithExtra($"extra{i}", random.Next()))),
                _ => ($"invalid UTF-8 #{i}", [.. Encoding.UTF8.GetBytes(text[..(text.Length - 2)]), 0xC3, (byte)random.Next(0x00, 0x7F), .. "\"}"u8.ToArray()]),
            };
        }

        var first = fields[0].Field;
        yield return ("nesting 10,000 deep", Encoding.UTF8.GetBytes($"{{\"{first}\":" + new string('[', 10_000) + new string(']', 10_000) + "}"));
        yield return ("a body over the limit", Json(With(first, new string('x', 300_000))));
        yield return ("not JSON", "reason=ok"u8.ToArray());
        yield return ("an array", "[]"u8.ToArray());
        yield return ("a string", "\"approve\""u8.ToArray());
    }
}

using System.Text;
using System.Text.Json;
using Federation.Contracts;
using Federation.Contracts.Catalogue;
using Federation.Trust;
using Microsoft.IdentityModel.Tokens;

namespace Federation.Cli.Audit;

/// <summary>
/// Whether each head the catalogue kept is the hub's own signed word: a signature by the hub, with a key the
/// federation authority vouches for, over a heartbeat that names that hub, that place in the chain and that hash. A
/// comparison with the heads then rests on the hub's word, not on the catalogue's: a head the catalogue made up or
/// changed is refused here. A head signed with a key the hub has since retired cannot be checked (the authority
/// vouches for current keys only); it is said so, and not counted as proof.
/// </summary>
internal static class HeadProofs
{
    public sealed record Outcome(
        IReadOnlyList<PublishedAuditHead> Proven,
        IReadOnlyList<PublishedAuditHead> RetiredKey,
        IReadOnlyList<(PublishedAuditHead Head, string Problem)> Refused);

    public static Outcome Check(IReadOnlyList<PublishedAuditHead> heads, string hubId, IReadOnlyList<JsonWebKey> vouchedKeys)
    {
        List<PublishedAuditHead> proven = [], retired = [];
        List<(PublishedAuditHead, string)> refused = [];
        foreach (var head in heads)
        {
            var signed = MessageSignatures.Verify(head.Signature, Encoding.UTF8.GetBytes(head.SignedMessage), nameof(HubHeartbeat), hubId, vouchedKeys);
            if (signed.RefusalKind == "unknown-key")
            {
                retired.Add(head);
            }
            else if (!signed.IsSigned)
            {
                refused.Add((head, $"its signature is refused: {signed.Refusal}"));
            }
            else if (SaysOtherwise(head, hubId) is { } problem)
            {
                refused.Add((head, problem));
            }
            else
            {
                proven.Add(head);
            }
        }

        return new Outcome(proven, retired, refused);
    }

    // What the signed heartbeat says, against what the catalogue says it says. The signed text is the heartbeat's
    // canonical JSON, with MassTransit's camel-case names.
    private static string? SaysOtherwise(PublishedAuditHead head, string hubId)
    {
        try
        {
            using var heartbeat = JsonDocument.Parse(head.SignedMessage);
            var root = heartbeat.RootElement;
            if (root.GetProperty("hubId").GetString() != hubId)
            {
                return "the signed heartbeat is another hub's";
            }

            return root.TryGetProperty("auditRecords", out var records) && records.ValueKind == JsonValueKind.Number && records.GetInt64() == head.Records
                && root.TryGetProperty("auditHead", out var hash) && hash.GetString() == head.Hash
                ? null
                : "the signed heartbeat gives another place or hash than the catalogue shows";
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return "the signed heartbeat cannot be read";
        }
    }
}

using System.Text;
using System.Text.Json;
using Federation.Contracts;
using Federation.Contracts.Catalogue;
using Federation.Trust;
using Microsoft.IdentityModel.Tokens;

namespace Federation.Cli.Audit;

/// <summary>
/// Whether each head the catalogue kept is the hub's own signed word: a signature by the hub, with a key the
/// federation authority vouches for, over a heartbeat (in canonical form) that names that hub, that place in the chain
/// and that hash. Only such heads are compared with the hub's chain, so the comparison rests on the hub's word, not on
/// the catalogue's: a head the catalogue changed is refused, and one under a key the authority does not vouch for now
/// (a key the hub retired, or one made up) proves nothing either way and is left out.
/// </summary>
internal static class HeadProofs
{
    public sealed record Outcome(
        IReadOnlyList<PublishedAuditHead> Proven,
        IReadOnlyList<PublishedAuditHead> UnknownKey,
        IReadOnlyList<(PublishedAuditHead Head, string Problem)> Refused)
    {
        /// <summary>Places for which the hub signed two hashes: its history was rewritten, on its own word.</summary>
        public IReadOnlyList<long> Contradicted =>
            [.. Proven.GroupBy(head => head.Records).Where(place => place.Select(head => head.Hash).Distinct(StringComparer.Ordinal).Count() > 1).Select(place => place.Key)];
    }

    public static Outcome Check(IReadOnlyList<PublishedAuditHead> heads, string hubId, IReadOnlyList<JsonWebKey> vouchedKeys)
    {
        List<PublishedAuditHead> proven = [], unknownKey = [];
        List<(PublishedAuditHead, string)> refused = [];
        foreach (var head in heads)
        {
            var signed = MessageSignatures.Verify(head.Signature, Encoding.UTF8.GetBytes(head.SignedMessage), nameof(HubHeartbeat), hubId, vouchedKeys);
            if (signed.RefusalKind == "unknown-key")
            {
                unknownKey.Add(head);
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

        return new Outcome(proven, unknownKey, refused);
    }

    // What the signed heartbeat says, against what the catalogue says it says. It was signed in canonical form
    // (CanonicalJson: one way to write it, no member named twice), with MassTransit's camel-case names.
    private static string? SaysOtherwise(PublishedAuditHead head, string hubId)
    {
        try
        {
            using var heartbeat = JsonDocument.Parse(head.SignedMessage);
            if (!CanonicalJson.Of(heartbeat.RootElement).AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(head.SignedMessage)))
            {
                return "the signed heartbeat is not in canonical form";
            }

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

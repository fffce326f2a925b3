using Federation.Contracts.Catalogue;
using Federation.Testing;
using Federation.Trust;
using Npgsql;

namespace Federation.IntegrationTests;

/// <summary>
/// A hub's audit history cannot be rewritten unseen, even by its database's owner: the hub signs its chain's head
/// into its heartbeats, the catalogue keeps heads with their proof, and a history rewritten and chained anew (which
/// holds by itself) no longer gives the hashes the hub once signed, at the hub's own check against those heads; the
/// catalogue, receiving a head that contradicts one it kept, marks it, counts it and logs it.
/// </summary>
[Collection(FederationCollection.Name)]
public sealed class AuditHeadSpecs : IAsyncLifetime
{
    private const string Hub = "brightlands";
    private LocalFederation federation = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => federation = await LocalFederation.CreateAsync(
        "auditheads",
        catalogueSettings: new Dictionary<string, string> { ["AuditHeads__KeepEvery"] = "00:00:01" },
        hubSettings: new Dictionary<string, string> { ["Hub__HeartbeatInterval"] = "00:00:01" },
        hubs: [Hub]);

    public async ValueTask DisposeAsync() => await federation.DisposeAsync();

    [Fact]
    public async Task A_history_rewritten_by_the_databases_owner_no_longer_matches_the_heads_the_hub_signed()
    {
        var hub = federation.Hubs[Hub];
        var catalogue = federation.Catalogue.CatalogueClient();
        for (var i = 0; i < 3; i++)
        {
            await hub.PublishNewAsync($"Auditspoor {FederationClient.Unique("spoor")}");
        }

        // The chain's length read straight from the database (asking the hub might add records of its own); nothing
        // else happens at this hub, so it stays as long until the rewrite.
        var records = await HeadSeqAsync();
        Assert.True(records > 0);
        var heads = await Eventually.Until(async () => await catalogue.AuditHeadsAsync(Hub, 100, Cancellation).EnsureSuccessAsync(),
            kept => kept.Any(head => head.Records == records), TimeSpan.FromSeconds(30), "a head of the current chain kept by the catalogue");
        Assert.Equal(records, await HeadSeqAsync());

        await RewriteFirstRecordAndChainAnewAsync();

        var contradicting = await Eventually.Until(async () => await catalogue.AuditHeadsAsync(Hub, 100, Cancellation).EnsureSuccessAsync(),
            kept => kept.Any(head => head.Contradicts), TimeSpan.FromSeconds(30), "the rewritten head marked by the catalogue");
        // The catalogue logs the contradiction once the head is saved, so the API can show it a moment before the log
        // line is written: the line is waited for, not expected at once.
        await Eventually.Until(federation.Catalogue.ReadLogAsync, log => log.Any(line => line.Contains($"Hub {Hub} signed audit head", StringComparison.Ordinal)
            && line.Contains("its audit history was rewritten", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "the catalogue's log of the contradiction");
        // Anyone can check each kept head is the hub's own signed word, with the key the authority vouches for.
        using (var key = FederationKey.FromPem(await File.ReadAllTextAsync(federation.HubKeyFiles[Hub], Cancellation)))
        {
            Assert.All(contradicting, head => Assert.True(
                MessageSignatures.Verify(head.Signature, System.Text.Encoding.UTF8.GetBytes(head.SignedMessage), "HubHeartbeat", Hub, [key.PublicKey]).IsSigned));
        }

        // The rewritten chain holds by itself, but not against the heads the hub signed before the rewrite.
        var staff = hub.StaffClient();
        var rewritten = await staff.VerifyAuditAsync(heads.Select(head => head.Records), Cancellation).EnsureSuccessAsync();
        Assert.True(rewritten.Intact);
        // Every head after the changed first record (a head of an empty chain, kept at the hub's start, is the same).
        Assert.All(heads.Where(head => head.Records >= 1), head => Assert.NotEqual(head.Hash, rewritten.Checkpoints!.Single(c => c.Seq == head.Records).Hash));
        Assert.Contains(contradicting, head => head.Contradicts && head.Records == records
            && head.Hash == rewritten.Checkpoints!.Single(c => c.Seq == records).Hash);
    }

    [Fact]
    public async Task An_untouched_history_agrees_with_every_head_the_hub_signed()
    {
        var hub = federation.Hubs[Hub];
        await hub.PublishNewAsync($"Ongeschonden {FederationClient.Unique("spoor")}");
        var records = await HeadSeqAsync();
        var heads = await Eventually.Until(async () => await federation.Catalogue.CatalogueClient().AuditHeadsAsync(Hub, 100, Cancellation).EnsureSuccessAsync(),
            kept => kept.Any(head => head.Records >= records), TimeSpan.FromSeconds(30), "a head of the current chain kept by the catalogue");

        var now = await hub.StaffClient().VerifyAuditAsync(heads.Select(head => head.Records), Cancellation).EnsureSuccessAsync();
        Assert.True(now.Intact);
        Assert.All(heads, head => Assert.Equal(head.Hash, now.Checkpoints!.Single(c => c.Seq == head.Records).Hash));
        Assert.DoesNotContain(heads, head => head.Contradicts);
    }

    private async Task<long> HeadSeqAsync()
    {
        await using var connection = new NpgsqlConnection(LocalInfrastructure.ConnectionString(federation.HubDatabases[Hub]));
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand("SELECT seq FROM hub_audit_head", connection);
        return (long)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    // What the owner of the hub's database could do: change a record, then compute every hash after it (and the head)
    // anew, so that the chain holds again by itself.
    private async Task RewriteFirstRecordAndChainAnewAsync()
    {
        await using var connection = new NpgsqlConnection(LocalInfrastructure.ConnectionString(federation.HubDatabases[Hub]));
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand("""
            DO $$
            DECLARE
                r hub_audit;
                head_hash bytea := decode(repeat('00', 32), 'hex');
                head_seq bigint := 0;
            BEGIN
                -- Held first, as the hub's own inserts take it: none can slip in between.
                PERFORM 1 FROM hub_audit_head FOR UPDATE;
                ALTER TABLE hub_audit DISABLE TRIGGER hub_audit_no_change;
                UPDATE hub_audit SET target = 'rewritten' WHERE chain_seq = 1;
                FOR r IN SELECT * FROM hub_audit ORDER BY chain_seq LOOP
                    head_seq := r.chain_seq;
                    r.prev_hash := head_hash;
                    r.hash := sha256(head_hash || hub_audit_canonical(r));
                    UPDATE hub_audit SET prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
                    head_hash := r.hash;
                END LOOP;
                UPDATE hub_audit_head SET seq = head_seq, hash = head_hash;
                ALTER TABLE hub_audit ENABLE TRIGGER hub_audit_no_change;
            END $$;
            """, connection);
        await command.ExecuteNonQueryAsync(Cancellation);
    }
}

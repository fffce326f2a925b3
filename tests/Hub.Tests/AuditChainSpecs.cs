using System.Net;
using Federation.Clients.Hubs;
using Federation.Contracts.Hub;
using Federation.Hub.Audit;
using Federation.Testing;
using Federation.Testing.Hosts;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Federation.Hub.Tests;

/// <summary>
/// The audit log as a hash chain: every record, written alone or by many requests at once, takes the next place in
/// one gapless chain, and GET /audit/verify finds any record changed, removed or cut off afterwards, even by someone
/// who can switch off the append-only trigger (the database's owner).
/// </summary>
public sealed class AuditChainSpecs : SpecsOnAFresh<HubHost>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Records_written_concurrently_form_one_gapless_chain_that_verifies()
    {
        var audit = Host.Services.GetRequiredService<AuditLog>();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => audit.AppendAsync(
            new AuditEntry("spec.concurrent", "done", AuditActor.System("brainport", "spec"), Target: $"n{i}",
                Details: new Dictionary<string, string?> { ["emoji"] = "🦉 ü", ["i"] = $"{i}" }), Cancellation)));

        var verification = await VerifyAsync();

        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(await Host.CountAsync("hub_audit"), verification.Verified);
        Assert.Equal(verification.Verified, await ScalarAsync<long>("SELECT max(chain_seq) FROM hub_audit"));
        Assert.Equal(verification.HeadHash, Convert.ToHexStringLower(await ScalarAsync<byte[]>("SELECT hash FROM hub_audit_head")));
    }

    public static TheoryData<string> Tamperings => ["a changed name", "a changed detail", "a removed record", "a removed last record", "a reordered pair"];

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task A_history_changed_behind_the_hubs_back_is_found(string tampering)
    {
        var audit = Host.Services.GetRequiredService<AuditLog>();
        for (var i = 0; i < 5; i++)
        {
            await audit.AppendAsync(new AuditEntry("spec.history", "done", new AuditActor("member", $"m{i}", "brainport", $"Member {i}"),
                Details: new Dictionary<string, string?> { ["n"] = $"{i}" }), Cancellation);
        }

        var last = await ScalarAsync<long>("SELECT max(chain_seq) FROM hub_audit");
        var victim = last - 2;
        // What an intruder with the owner's rights does: switch the append-only trigger off, rewrite, switch it on.
        await ExecuteAsync(tampering switch
        {
            "a changed name" => $"UPDATE hub_audit SET actor_name = 'Someone Else' WHERE chain_seq = {victim}",
            "a changed detail" => $"UPDATE hub_audit SET details = '{{\"n\": \"9\"}}' WHERE chain_seq = {victim}",
            "a removed record" => $"DELETE FROM hub_audit WHERE chain_seq = {victim}",
            "a removed last record" => $"DELETE FROM hub_audit WHERE chain_seq = {last}",
            _ => $"UPDATE hub_audit SET chain_seq = -1 WHERE chain_seq = {victim}; UPDATE hub_audit SET chain_seq = {victim} WHERE chain_seq = {victim + 1}; " +
                 $"UPDATE hub_audit SET chain_seq = {victim + 1} WHERE chain_seq = -1",
        });

        var verification = await VerifyAsync();

        Assert.False(verification.Intact);
        Assert.Equal(tampering == "a removed last record" ? last : victim, verification.BrokenAt);
        Assert.Equal(verification.BrokenAt - 1, verification.Verified);
        Assert.False(string.IsNullOrEmpty(verification.Problem));
    }

    [Fact]
    public async Task Only_staff_may_verify()
    {
        using var member = await Host.CreateClientAsync("researcher");

        var answer = await new HubClient(member).VerifyAuditAsync(at: null, Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
    }

    private async Task<AuditVerification> VerifyAsync()
    {
        using var staff = await Host.CreateClientAsync("staff");
        return await new HubClient(staff).VerifyAuditAsync(at: null, Cancellation).EnsureSuccessAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(LocalInfrastructure.ConnectionString(Host.Database));
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand(
            $"ALTER TABLE hub_audit DISABLE TRIGGER hub_audit_no_change; {sql}; ALTER TABLE hub_audit ENABLE TRIGGER hub_audit_no_change", connection);
        await command.ExecuteNonQueryAsync(Cancellation);
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(LocalInfrastructure.ConnectionString(Host.Database));
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(Cancellation))!;
    }
}

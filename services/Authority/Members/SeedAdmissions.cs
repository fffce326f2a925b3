using System.Text.Json;
using Federation.Contracts.Authority;
using Federation.Contracts.Serialization;
using Microsoft.Extensions.Options;

namespace Federation.Authority.Members;

/// <summary>
/// Admits the members of <see cref="AuthorityOptions.SeedFile"/> that the authority has never recorded, each checked
/// and audited exactly as an operator's admission. A seed that does not pass the checks stops the start, naming the
/// member and field: a deployment must not come up believing it admitted a hub it did not.
/// </summary>
public sealed partial class SeedAdmissions(
    MemberStore members, IOptions<AuthorityOptions> options, IHostEnvironment environment, IConfiguration configuration, ILogger<SeedAdmissions> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SeedFile is not { Length: > 0 } path)
        {
            return;
        }

        var seed = JsonSerializer.Deserialize<Seed>(await File.ReadAllTextAsync(path, cancellationToken), FederationJson.Options)
            ?? throw new InvalidOperationException($"Authority:SeedFile '{path}' holds no members.");
        var known = (await members.ListAsync(cancellationToken)).Select(member => member.MemberId).ToHashSet(StringComparer.Ordinal);
        foreach (var (memberId, admission) in seed.Members.Where(member => !known.Contains(member.Key)))
        {
            var faults = AdmissionCheck.Faults(memberId, admission, options.Value.PlainHttpAllowed(environment, configuration));
            if (faults.Count > 0)
            {
                throw new InvalidOperationException($"Authority:SeedFile: {memberId} cannot be admitted: "
                    + string.Join("; ", faults.Select(fault => $"{fault.Key}: {string.Join(' ', fault.Value)}")));
            }

            var (admitted, conflict) = await members.AdmitAsync(memberId, admission, cancellationToken);
            if (admitted is null)
            {
                throw new InvalidOperationException($"Authority:SeedFile: {memberId} cannot be admitted: {conflict}");
            }

            LogAdmitted(logger, memberId, admission.EntityId);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Admitted {MemberId} ({EntityId}) from the seed file")]
    private static partial void LogAdmitted(ILogger logger, string memberId, Uri entityId);

    private sealed record Seed(Dictionary<string, MemberAdmission> Members);
}

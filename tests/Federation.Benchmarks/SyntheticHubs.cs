using Federation.Contracts;
using Federation.ServiceDefaults.Messaging.Signing;
using Federation.Testing;
using Federation.Trust;

namespace Federation.Benchmarks;

/// <summary>
/// The synthetic hubs of <see cref="SyntheticResources"/> as members of the federation: each admitted by the
/// federation's authority with a key of its own, and signing its events exactly as a hub's bus does.
/// </summary>
internal sealed class SyntheticHubs : IDisposable
{
    private readonly List<FederationKeyRing> rings = [];
    private readonly Dictionary<string, MessageSigner> signers = new(StringComparer.Ordinal);

    private SyntheticHubs()
    {
    }

    public static async Task<SyntheticHubs> AdmitAsync(LocalFederation federation, int hubs)
    {
        var admitted = new SyntheticHubs();
        for (var i = 0; i < hubs; i++)
        {
            var id = SyntheticResources.HubId(i);
            var keyFile = await federation.Authority.AdmitHubAsync(id, $"Benchmark hub {i + 1}", new Uri($"http://{id}.invalid"));
            var ring = FederationKeyRing.FromFiles([keyFile]);
            admitted.rings.Add(ring);
            admitted.signers[id] = new MessageSigner(ring, id, TimeProvider.System);
        }

        // Until every node has read the authority again, the new members' events would be refused.
        await Task.Delay(LocalFederation.MembershipRefresh * 2);
        return admitted;
    }

    public string Sign(ISignedMessage message) => signers[message.SignerId].Sign(message);

    public void Dispose()
    {
        foreach (var ring in rings)
        {
            ring.Dispose();
        }
    }
}

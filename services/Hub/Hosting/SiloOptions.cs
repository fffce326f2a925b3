using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Federation.Hub.Hosting;

/// <summary>
/// Where this silo is reached by the other silos of its hub: every silo on one machine needs its own pair of ports.
/// Membership tuning (how fast a dead silo is declared dead) lives under Orleans:Membership.
/// </summary>
public sealed class SiloOptions : IValidatableObject
{
    public const string Section = "Orleans";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos connect to: loopback on one machine, the pod's address in a cluster.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Run under Orleans' Kubernetes hosting: the silo's name and address come from its pod (POD_NAME, POD_IP), and
    /// a silo whose pod is gone is declared dead at once instead of after missed probes. Membership stays in the
    /// hub's database; ServiceId and ClusterId stay the hub id, which the pod's orleans/* labels must repeat.
    /// </summary>
    public bool Kubernetes { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(AdvertisedAddress, out _))
        {
            yield return new ValidationResult($"'{AdvertisedAddress}' is not an IP address.", [nameof(AdvertisedAddress)]);
        }
    }
}

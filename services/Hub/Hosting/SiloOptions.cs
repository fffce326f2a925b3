using System.ComponentModel.DataAnnotations;

namespace Federation.Hub.Hosting;

/// <summary>Ports of this hub's Orleans silo; every hub on one machine needs its own pair.</summary>
public sealed class SiloOptions
{
    public const string Section = "Orleans";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;
}

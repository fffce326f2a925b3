using System.ComponentModel.DataAnnotations;

namespace Federation.ServiceDefaults.Messaging;

/// <summary>Where the federation's broker is. The password comes from configuration or the environment only.</summary>
public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    [Required]
    public string VirtualHost { get; set; } = "/";

    [Required]
    public string Username { get; set; } = "";

    [Required]
    public string Password { get; set; } = "";

    /// <summary>
    /// The broker user each member publishes as, <c>{0}</c> standing for its id. Every node puts its user in a
    /// message's <c>user_id</c>, and the broker refuses a message naming any user but the one that sent it, so a
    /// receiver refuses a signed message that came through any other member's account. Empty turns that check off,
    /// which only a Development process accepts.
    /// </summary>
    public string MemberUserFormat { get; set; } = "hub-{0}";

    /// <summary>The broker user <paramref name="memberId"/> must publish as, or null when that is not checked.</summary>
    public string? MemberUser(string memberId) =>
        MemberUserFormat.Length == 0 ? null : string.Format(System.Globalization.CultureInfo.InvariantCulture, MemberUserFormat, memberId);
}

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
    /// The broker user each member publishes as, <c>{0}</c> standing for its id. The broker stamps a message's
    /// <c>user_id</c> with the user that sent it (and refuses a message naming another), so a receiver refuses a
    /// signed message that came through any other member's account. Empty turns that check off.
    /// </summary>
    public string MemberUserFormat { get; set; } = "hub-{0}";

    /// <summary>The broker user <paramref name="memberId"/> must publish as, or null when that is not checked.</summary>
    public string? MemberUser(string memberId) =>
        MemberUserFormat.Length == 0 ? null : string.Format(System.Globalization.CultureInfo.InvariantCulture, MemberUserFormat, memberId);
}

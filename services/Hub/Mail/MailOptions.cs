using System.ComponentModel.DataAnnotations;

namespace Federation.Hub.Mail;

/// <summary>The SMTP server through which the hub writes to people (section <c>Mail</c>); secrets from configuration only.</summary>
public sealed class MailOptions : IValidatableObject
{
    public const string Section = "Mail";

    /// <summary>The SMTP server; without one, mail waits in the outbox until one is configured.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>
    /// <c>starttls</c> (the default: refuses a server that cannot), <c>tls</c> (implicit TLS, port 465), or
    /// <c>none</c>, which only a server on this machine's loopback may use.
    /// </summary>
    public string Security { get; set; } = "starttls";

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The address mail comes from, e.g. <c>noreply@brainport.aihub.example</c>.</summary>
    [EmailAddress]
    public string? From { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Security is not ("starttls" or "tls" or "none"))
        {
            yield return new ValidationResult("Mail:Security must be starttls, tls or none.", [nameof(Security)]);
        }

        if (Host is { Length: > 0 } && From is not { Length: > 0 })
        {
            yield return new ValidationResult("Mail:From must be set when Mail:Host is.", [nameof(From)]);
        }

        if (Security == "none" && Host is { Length: > 0 } && !IsLoopback(Host))
        {
            yield return new ValidationResult("Mail:Security none is only for an SMTP server on this machine's loopback.", [nameof(Security)]);
        }
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));
}

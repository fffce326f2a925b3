using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Federation.Portal.Hubs;

/// <summary>
/// Why a hub refused what a form asked, carried to the page the browser returns to. The text travels in the query
/// string sealed by the portal's key ring: the page shows only what the portal itself wrote there, minutes ago, so a
/// link made elsewhere cannot put words of its own ("call this number") into the portal's alert box.
/// </summary>
public sealed class FailureNotices(IDataProtectionProvider protection)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("federation-portal.failure-notice").ToTimeLimitedDataProtector();
    private readonly ITimeLimitedDataProtector outcomes = protection.CreateProtector("federation-portal.failure-notice", "outcome").ToTimeLimitedDataProtector();

    /// <summary>The query string's <c>failed</c> and sealed <c>reason</c>, to append to a page's address.</summary>
    public string Query(string failed, string reason) => $"failed={Uri.EscapeDataString(failed)}&reason={Uri.EscapeDataString(protector.Protect(reason, Lifetime))}";

    /// <summary>
    /// Any other outcome a page shows from its query string (what an import summed), sealed the same way, so that a
    /// link made elsewhere cannot make the portal report figures it never saw.
    /// </summary>
    public string Seal(string text) => outcomes.Protect(text, Lifetime);

    /// <summary>An outcome this portal sealed (<see cref="Seal"/>), or null; a sealed reason is not an outcome, nor the other way round.</summary>
    public string? OpenOutcome(string? sealedText) => Unseal(outcomes, sealedText);

    /// <summary>The reason the portal sealed, or null for one it did not write, that was altered, or that is too old.</summary>
    public string? Open(string? sealedReason) => Unseal(protector, sealedReason);

    private static string? Unseal(ITimeLimitedDataProtector sealer, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return sealer.Unprotect(text);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

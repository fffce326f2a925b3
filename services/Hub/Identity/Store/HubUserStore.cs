using System.Security.Cryptography;
using System.Text;
using Federation.Hub.Identity.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Federation.Hub.Identity.Store;

/// <summary>
/// Identity's Entity Framework store, keeping a person's second factor out of plain sight in <c>hub_account_tokens</c>:
/// the authenticator key is encrypted with the hub's data-protection keys, and recovery codes are kept only as hashes
/// (salted with the account's id), as a password would be. Identity keeps both as plain text, so a copy of that one
/// table (a backup, an export, a query left in a log) would hand over the second factor of every member of staff.
/// Values written before this (plain keys and codes) are still read, and the codes are hashed at their next change.
/// </summary>
public sealed class HubUserStore(IdentityDbContext context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserStore<HubAccount, IdentityRole<Guid>, IdentityDbContext, Guid>(context, describer)
{
    private const string Encrypted = "dp1:";
    private const string Hashed = "h1:";

    private readonly IDataProtector keys = protection.CreateProtector("Federation.Hub.Identity.AuthenticatorKey");

    public override Task SetAuthenticatorKeyAsync(HubAccount user, string key, CancellationToken cancellationToken) =>
        base.SetAuthenticatorKeyAsync(user, Encrypted + keys.Protect(key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(HubAccount user, CancellationToken cancellationToken)
    {
        var kept = await base.GetAuthenticatorKeyAsync(user, cancellationToken);
        if (kept is null || !kept.StartsWith(Encrypted, StringComparison.Ordinal))
        {
            return kept;
        }

        try
        {
            return keys.Unprotect(kept[Encrypted.Length..]);
        }
        catch (CryptographicException)
        {
            // The hub's key ring lost the key it was sealed with: no code fits now, as with a lost device; the person
            // signs in with a recovery code, or staff reset their second factor.
            return null;
        }
    }

    // Identity's redemption hands back the codes left, already hashed: only what is not yet a hash is hashed.
    public override Task ReplaceCodesAsync(HubAccount user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        base.ReplaceCodesAsync(user, [.. recoveryCodes.Select(code => code.StartsWith(Hashed, StringComparison.Ordinal) ? code : HashOf(user, code))], cancellationToken);

    public override async Task<bool> RedeemCodeAsync(HubAccount user, string code, CancellationToken cancellationToken) =>
        await base.RedeemCodeAsync(user, HashOf(user, code), cancellationToken)
        // A code kept from before codes were hashed.
        || (!code.StartsWith(Hashed, StringComparison.Ordinal) && await base.RedeemCodeAsync(user, code, cancellationToken));

    private static string HashOf(HubAccount user, string code) =>
        Hashed + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{user.Id:N}:{code}")));
}

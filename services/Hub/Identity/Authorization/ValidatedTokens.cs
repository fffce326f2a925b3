using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;

namespace Federation.Hub.Identity.Authorization;

/// <summary>
/// Access tokens this hub has already validated, for at most a minute and never past their expiry. A client calls
/// with the same token many times; checking its RS256 signature and claims again on every call made an authorised
/// request a third more expensive than an anonymous one. A token differing in one character is a different key, so
/// nothing forged or tampered can hit the cache.
/// </summary>
public sealed class ValidatedTokens(TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan LongestKept = TimeSpan.FromMinutes(1);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    public ClaimsPrincipal? Find(string token) =>
        cache.TryGetValue(token, out Entry? entry) && entry!.Until > clock.GetUtcNow() ? entry.Principal.Clone() : null;

    public void Keep(string token, ClaimsPrincipal principal, DateTimeOffset? expires)
    {
        var until = clock.GetUtcNow() + LongestKept;
        if (expires is { } expiry && expiry < until)
        {
            until = expiry;
        }

        cache.Set(token, new Entry(principal.Clone(), until), new MemoryCacheEntryOptions { AbsoluteExpiration = until, Size = 1 });
    }

    public void Dispose() => cache.Dispose();

    private sealed record Entry(ClaimsPrincipal Principal, DateTimeOffset Until);
}

using System.Security.Claims;
using Federation.Hub.Identity.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Federation.Hub.Identity.Authorization;

/// <summary>
/// Who is calling, read from a token this hub issued: a member of this hub, a guest from another hub (by token
/// exchange), or a service client. <see cref="HomeHub"/> and <see cref="HomeSubject"/> name the person at home.
/// </summary>
public sealed record CallerIdentity(
    string Subject,
    string HomeHub,
    string HomeSubject,
    string Name,
    string? OrganisationId,
    string? OrganisationName,
    string? OrganisationType,
    IReadOnlySet<string> Roles)
{
    public static CallerIdentity? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirst(Claims.Subject)?.Value is not { Length: > 0 } subject)
        {
            return null;
        }

        var homeHub = user.FindFirst(HubClaims.HomeHub)?.Value ?? "";
        return new CallerIdentity(
            subject,
            homeHub,
            user.FindFirst(HubClaims.HomeSubject)?.Value ?? subject,
            user.FindFirst(Claims.Name)?.Value ?? subject,
            user.FindFirst(HubClaims.OrganisationId)?.Value,
            user.FindFirst(HubClaims.OrganisationName)?.Value,
            user.FindFirst(HubClaims.OrganisationType)?.Value,
            user.FindAll(Claims.Role).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal));
    }

    public bool HasRole(string role) => Roles.Contains(role);

    /// <summary>How the feed and the audit log name this caller: readable, and unique across the federation.</summary>
    public string Describe() => $"{Name} ({HomeHub}:{HomeSubject})";
}

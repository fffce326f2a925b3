using Federation.Contracts;
using Federation.Hub.Identity.Authorization;
using Microsoft.AspNetCore.Authorization;

namespace Federation.Hub.Resources;

/// <summary>
/// Who sees a resource and what is said of it (its versions, its provenance): a resource never published is the
/// staff's business, and to anyone else it does not exist.
/// </summary>
internal static class ResourceVisibility
{
    public static async Task<bool> IsStaffAsync(HttpContext http, IAuthorizationService authorization) =>
        (await authorization.AuthorizeAsync(http.User, HubAuthorization.Staff)).Succeeded;

    public static bool IsVisible(ResourceSnapshot? resource, bool staff) => resource is not null && (staff || resource.PublishedAt is not null);
}

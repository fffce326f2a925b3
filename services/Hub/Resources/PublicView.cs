using Federation.Contracts;

namespace Federation.Hub.Resources;

/// <summary>
/// What of a resource leaves the hub. An expertise offer's contact details are its protected part: they are released
/// to a member only when the hub's staff accept that member's request for an introduction.
/// </summary>
public static class PublicView
{
    public static ResourceSnapshot ForFederation(this ResourceSnapshot resource) =>
        resource.Kind == ResourceKind.Expertise && resource.ContactPoint is not null ? resource with { ContactPoint = null } : resource;
}

using Federation.Portal.Hubs;
using Microsoft.AspNetCore.Antiforgery;

namespace Federation.Portal.Me;

/// <summary>A member marks a message as read; it is kept at their home hub, which alone knows what they have read.</summary>
public static class NotificationEndpoints
{
    public static WebApplication MapNotificationReading(this WebApplication app)
    {
        app.MapPost("/me/notifications/{notificationId:guid}/read", (Guid notificationId, HttpContext http, IAntiforgery antiforgery, HubGateway gateway,
            CancellationToken cancellationToken) =>
            HubFormPost.ForwardAsync(http, antiforgery, gateway, (hub, _, token) => hub.MarkNotificationReadAsync(notificationId, token), "/me", "read", notificationId,
                cancellationToken)).ExcludeFromDescription();
        return app;
    }
}

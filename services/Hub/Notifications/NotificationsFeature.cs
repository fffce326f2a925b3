using Federation.ServiceDefaults.Postgres;

namespace Federation.Hub.Notifications;

public static class NotificationsFeature
{
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        // hub_outbox: decisions and news of members' standing this hub owes another hub, written in the transaction
        // that made them and relayed to the broker afterwards (as the feed is). member_notifications: decisions other hubs sent about this hub's members.
        builder.Services.AddPostgresSchema("hub-notifications", EmbeddedSchema.Steps(typeof(NotificationsFeature).Assembly, "Notifications"), readinessProbe: "SELECT kind FROM hub_outbox LIMIT 1");
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<Outbox>();
        builder.Services.AddHostedService<OutboxRelay>();
        return builder;
    }
}

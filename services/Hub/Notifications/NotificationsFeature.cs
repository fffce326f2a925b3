using Federation.ServiceDefaults.Postgres;

namespace Federation.Hub.Notifications;

public static class NotificationsFeature
{
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddPostgresSchema("hub-notifications", NotificationSchema.Steps, readinessProbe: "SELECT 1 FROM hub_outbox LIMIT 1");
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<Outbox>();
        builder.Services.AddHostedService<OutboxRelay>();
        return builder;
    }
}

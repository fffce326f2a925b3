using Federation.ServiceDefaults.Options;
using Federation.ServiceDefaults.Postgres;

namespace Federation.Hub.Mail;

public static class MailFeature
{
    /// <summary>
    /// Mail to people (invitations, decisions about their membership), queued in the transaction of the change and
    /// sent afterwards through the configured SMTP server.
    /// </summary>
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<MailOptions>(MailOptions.Section);
        builder.Services.AddPostgresSchema("hub-mail", EmbeddedSchema.Steps(typeof(MailFeature).Assembly, "Mail"), readinessProbe: "SELECT 1 FROM hub_mail_outbox LIMIT 1");
        builder.Services.AddSingleton<MailSignal>();
        builder.Services.AddSingleton<MailOutbox>();
        builder.Services.AddHostedService<MailRelay>();
        return builder;
    }
}

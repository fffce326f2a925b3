using Federation.Contracts;
using System.Diagnostics.Metrics;
using Federation.ServiceDefaults.Membership;
using Federation.ServiceDefaults.Messaging.Signing;
using Federation.ServiceDefaults.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Federation.ServiceDefaults.Messaging;

public static class FederationBus
{
    /// <summary>MassTransit on the federation's RabbitMQ, with the service's own consumers and endpoints.</summary>
    public static WebApplicationBuilder AddFederationBus(
        this WebApplicationBuilder builder,
        Action<IBusRegistrationConfigurator> registerConsumers,
        Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator> configureEndpoints)
    {
        builder.Services.AddValidatedOptions<RabbitMqOptions>(RabbitMqOptions.Section);
        if (builder.Configuration["RabbitMq:MemberUserFormat"] is "" && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException("RabbitMq:MemberUserFormat is empty: outside Development every signed message must come through its signer's own broker account.");
        }

        builder.Services.AddSingleton(services => new SenderVerification(
            services.GetRequiredService<FederationMembers>(), services.GetService<MessageSigner>(), services.GetRequiredService<IOptions<RabbitMqOptions>>().Value,
            services.GetRequiredService<IMeterFactory>(), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<SenderVerification>>(), VerificationEnabled(builder)));
        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            registerConsumers(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var options = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                rabbit.Host(options.Host, (ushort)options.Port, options.VirtualHost, host =>
                {
                    host.Username(options.Username);
                    host.Password(options.Password);
                    host.ConnectionName(builder.Environment.ApplicationName);
                });
                // Consumers bind to the concrete events; an exchange for a shared interface would only collect nothing.
                rabbit.Publish<IResourceEvent>(publish => publish.Exclude = true);
                rabbit.Publish<ISignedMessage>(publish => publish.Exclude = true);
                rabbit.RouteToOneHub<DecisionMade>(HubQueues.DecisionExchange, decision => decision.RecipientHubId);
                rabbit.RouteToOneHub<ResyncRequested>(HubQueues.ResyncExchange, request => request.HubId);
                // The broker vouches for the account a message came through; receivers compare it with the signer.
                rabbit.UsePublishFilter(typeof(BrokerUserStamp<>), context);
                rabbit.UseSendFilter(typeof(BrokerUserStamp<>), context);
                // A member signs what it says about itself; every receiver checks who signed before a consumer sees it.
                if (context.GetService<MessageSigner>() is not null)
                {
                    rabbit.UsePublishFilter(typeof(SigningFilter<>), context);
                    rabbit.UseSendFilter(typeof(SigningFilter<>), context);
                }

                rabbit.UseConsumeFilter(typeof(VerifiedSenderFilter<>), context);
                configureEndpoints(context, rabbit);
            });
        });
        return builder;
    }

    /// <summary>
    /// Whether senders are checked: always, except where an operator measuring its cost turned it off
    /// (<c>Federation:Messages:Verify=false</c>), which only a Development process accepts.
    /// </summary>
    private static bool VerificationEnabled(WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("Federation:Messages:Verify", defaultValue: true))
        {
            return true;
        }

        return builder.Environment.IsDevelopment()
            ? false
            : throw new InvalidOperationException("Federation:Messages:Verify=false is accepted in Development only: outside it every sender is checked.");
    }
}

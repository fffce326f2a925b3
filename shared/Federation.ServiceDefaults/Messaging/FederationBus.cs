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
    /// <param name="node">The node's own queue, after which its bus endpoint is named (the account may use no other).</param>
    /// <param name="hubId">The hub this service is, which publishes through exchanges of its own; null for the catalogue.</param>
    public static WebApplicationBuilder AddFederationBus(
        this WebApplicationBuilder builder,
        string node,
        Action<IBusRegistrationConfigurator> registerConsumers,
        Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator> configureEndpoints,
        string? hubId = null)
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
        if (hubId is not null)
        {
            // Registered before MassTransit, so that its links are being made while the bus starts.
            builder.Services.AddSingleton(services => new OwnExchangeLinks(
                services.GetRequiredService<IOptions<RabbitMqOptions>>(), hubId, services.GetRequiredService<ILogger<OwnExchangeLinks>>()));
            builder.Services.AddHostedService(services => services.GetRequiredService<OwnExchangeLinks>());
            builder.Services.AddReceiveEndpointObserver(services => new RelinkWhenEndpointReady(services.GetRequiredService<OwnExchangeLinks>()));
            builder.Services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
                "broker-exchange-links", services => services.GetRequiredService<OwnExchangeLinks>(), failureStatus: null, tags: ["ready"]));
        }

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
                rabbit.OverrideDefaultBusEndpointQueueName(BrokerPermissions.BusEndpointName(node));
                rabbit.UseFederationPublishTopology(hubId);
                if (hubId is not null)
                {
                    rabbit.UsePublishFilter(typeof(AfterOwnExchangesLinked<>), context);
                }

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

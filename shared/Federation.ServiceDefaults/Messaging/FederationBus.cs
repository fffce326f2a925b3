using Federation.Contracts;
using Federation.ServiceDefaults.Options;
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
                // Consumers bind to the concrete events; an exchange for the shared interface would only collect nothing.
                rabbit.Publish<IResourceEvent>(publish => publish.Exclude = true);
                configureEndpoints(context, rabbit);
            });
        });
        return builder;
    }
}

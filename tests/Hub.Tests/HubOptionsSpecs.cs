using Federation.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Tests;

/// <summary>A hub with incomplete or wrong configuration refuses to start, rather than fail later.</summary>
public sealed class HubOptionsSpecs
{
    [Theory]
    [InlineData("Hub:Id", "Brainport Hub!")]
    [InlineData("Hub:PublicUrl", "")]
    [InlineData("RabbitMq:Password", "")]
    [InlineData("Hub:HeartbeatInterval", "00:00:00")]
    public void A_hub_with_a_bad_setting_does_not_start(string key, string value)
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("Hub:Id", "brainport");
            web.UseSetting("Hub:DisplayName", "AI-hub Brainport");
            web.UseSetting("Hub:PublicUrl", "http://127.0.0.1:5999");
            web.UseSetting("ConnectionStrings:Hub", LocalInfrastructure.ConnectionString("postgres"));
            web.UseSetting("RabbitMq:Password", "irrelevant");
            web.UseSetting("Orleans:SiloPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Orleans:GatewayPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting(key, value);
        });

        var failure = Assert.ThrowsAny<Exception>(() => factory.Server);

        var validation = failure as OptionsValidationException ?? failure.InnerException as OptionsValidationException;
        Assert.NotNull(validation);
        Assert.Contains(key.Split(':')[1], validation.Message, StringComparison.Ordinal);
    }
}

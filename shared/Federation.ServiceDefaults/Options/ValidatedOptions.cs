using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Federation.ServiceDefaults.Options;

public static class ValidatedOptions
{
    /// <summary>Binds a configuration section and refuses to start when it is incomplete, rather than fail later.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}

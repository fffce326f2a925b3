namespace Federation.Hub.Faults;

/// <summary>
/// Wraps whatever is registered for a service in a decorator, keeping its lifetime: the fault setup adds its hooks
/// around the production step that is really there, not around a copy it made of what it thinks is there.
/// </summary>
internal static class Decoration
{
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<IServiceProvider, TService, TService> decorate)
        where TService : class
    {
        var registered = services.LastOrDefault(service => service.ServiceType == typeof(TService) && !service.IsKeyedService)
            ?? throw new InvalidOperationException($"{typeof(TService).Name} is not registered: register it before the fault setup decorates it.");
        services.Remove(registered);
        services.Add(ServiceDescriptor.Describe(typeof(TService), provider => decorate(provider, Inner(provider)), registered.Lifetime));
        return services;

        TService Inner(IServiceProvider provider) => (TService)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!));
    }
}

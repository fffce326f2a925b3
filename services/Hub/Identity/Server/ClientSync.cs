using Federation.ServiceDefaults.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Federation.Hub.Identity.Server;

/// <summary>
/// Makes the registered OAuth clients exactly those of configuration at every start: new ones are added, changed
/// ones updated (a rotated secret takes effect), and a client no longer configured is removed and stops working.
/// </summary>
internal sealed partial class ClientSync(IServiceScopeFactory scopes, NpgsqlDataSource database, IOptions<IdentityOptions> options, ILogger<ClientSync> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The silos of one hub start together; one of them at a time makes the clients match configuration.
        await using var exclusive = await AdvisoryLock.AcquireAsync(database, "hub-client-sync", cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var configured = options.Value.Clients;
        foreach (var (clientId, registration) in configured)
        {
            var descriptor = Describe(clientId, registration);
            var existing = await applications.FindByClientIdAsync(clientId, cancellationToken);
            if (existing is null)
            {
                await applications.CreateAsync(descriptor, cancellationToken);
            }
            else
            {
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
            }
        }

        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            var clientId = await applications.GetClientIdAsync(application, cancellationToken);
            if (clientId is not null && !configured.ContainsKey(clientId))
            {
                await applications.DeleteAsync(application, cancellationToken);
                LogRemoved(logger, clientId);
            }
        }

        LogSynchronised(logger, configured.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static OpenIddictApplicationDescriptor Describe(string clientId, ClientRegistration registration)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = registration.Secret,
            ClientType = registration.Secret is null ? ClientTypes.Public : ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = registration.DisplayName.Length > 0 ? registration.DisplayName : clientId,
        };
        descriptor.RedirectUris.UnionWith(registration.RedirectUris);
        descriptor.PostLogoutRedirectUris.UnionWith(registration.PostLogoutRedirectUris);
        descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.Endpoints.Revocation]);
        foreach (var grantType in registration.GrantTypes)
        {
            switch (grantType)
            {
                case "authorization_code":
                    descriptor.Permissions.UnionWith([
                        Permissions.Endpoints.Authorization, Permissions.Endpoints.EndSession,
                        Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code]);
                    descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
                    break;
                case "refresh_token":
                    descriptor.Permissions.Add(Permissions.GrantTypes.RefreshToken);
                    break;
                case "client_credentials":
                    descriptor.Permissions.UnionWith([Permissions.GrantTypes.ClientCredentials, Permissions.Endpoints.Introspection]);
                    break;
                case "token_exchange":
                    descriptor.Permissions.Add(Permissions.GrantTypes.TokenExchange);
                    break;
            }
        }

        return descriptor;
    }

    [LoggerMessage(LogLevel.Information, "{Count} OAuth clients registered from configuration")]
    private static partial void LogSynchronised(ILogger logger, int count);

    [LoggerMessage(LogLevel.Warning, "OAuth client {ClientId} is no longer configured and was removed")]
    private static partial void LogRemoved(ILogger logger, string clientId);
}

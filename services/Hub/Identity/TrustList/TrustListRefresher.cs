using Federation.Contracts.Catalogue;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Contracts.Serialization;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Federation.Hub.Identity.TrustList;

/// <summary>
/// Keeps <see cref="FederationTrustList"/> equal to the catalogue's trust list: loads the last stored copy at start,
/// then asks the catalogue every <see cref="TrustListOptions.RefreshInterval"/> whether it changed. While the
/// catalogue is unreachable the last list stays in force; nothing is ever trusted by default.
/// </summary>
public sealed partial class TrustListRefresher(
    FederationTrustList trustList,
    IssuerKeys keys,
    IHttpClientFactory httpClients,
    NpgsqlDataSource database,
    IOptions<TrustListOptions> options,
    TimeProvider clock,
    ILogger<TrustListRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.CatalogueUrl is not { } catalogue)
        {
            LogNoCatalogue(logger);
            return;
        }

        await LoadStoredAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, clock);
        do
        {
            try
            {
                await RefreshAsync(catalogue, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever went wrong (catalogue away, a bad answer, the database restarting), the last list stays.
                LogRefreshFailed(logger, exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RefreshAsync(Uri catalogue, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(catalogue, "federation/trust-list"));
        var current = trustList.Current;
        if (trustList.IsLoaded)
        {
            request.Headers.IfNoneMatch.ParseAdd($"\"{current.Version}\"");
        }

        using var response = await httpClients.CreateClient(IssuerKeys.HttpClientName).SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return;
        }

        response.EnsureSuccessStatusCode();
        var published = await response.Content.ReadFromJsonAsync<PublishedTrustList>(FederationJson.Options, cancellationToken)
            ?? throw new JsonException("The trust list is empty.");
        var snapshot = new FederationTrustList.Snapshot(
            published.Version, [.. published.Hubs.Select(hub => new TrustedHub(hub.HubId, hub.Issuer, hub.ApiBaseUrl))], clock.GetUtcNow());
        await StoreAsync(snapshot, cancellationToken);
        Apply(snapshot);
        LogChanged(logger, snapshot.Version, string.Join(", ", snapshot.Hubs.Select(hub => hub.HubId)));
    }

    private void Apply(FederationTrustList.Snapshot snapshot)
    {
        trustList.Replace(snapshot);
        keys.Retain(snapshot.Hubs);
    }

    private async Task LoadStoredAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = database.CreateCommand("SELECT version, hubs, fetched_at FROM hub_trust_list");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                var hubs = JsonSerializer.Deserialize<List<TrustedHub>>(reader.GetString(1), FederationJson.Options) ?? [];
                Apply(new FederationTrustList.Snapshot(reader.GetString(0), hubs, reader.GetFieldValue<DateTimeOffset>(2)));
            }
        }
        catch (NpgsqlException exception)
        {
            LogRefreshFailed(logger, exception.Message);
        }
    }

    private async Task StoreAsync(FederationTrustList.Snapshot snapshot, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO hub_trust_list (singleton, version, hubs, fetched_at) VALUES (true, $1, $2, $3)
            ON CONFLICT (singleton) DO UPDATE SET version = excluded.version, hubs = excluded.hubs, fetched_at = excluded.fetched_at
            """);
        command.Parameters.AddWithValue(snapshot.Version);
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(snapshot.Hubs, FederationJson.Options));
        command.Parameters.AddWithValue(snapshot.FetchedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "Trust list {Version}: {Hubs}")]
    private static partial void LogChanged(ILogger logger, string version, string hubs);

    [LoggerMessage(LogLevel.Warning, "Could not refresh the trust list; the last one stays in force: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Warning, "Federation:CatalogueUrl is not set: this hub trusts no other hub")]
    private static partial void LogNoCatalogue(ILogger logger);
}

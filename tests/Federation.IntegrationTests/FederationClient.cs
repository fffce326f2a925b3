using Federation.Contracts;
using Federation.Contracts.Catalogue;
using Federation.Contracts.Hub;
using Federation.Testing;

namespace Federation.IntegrationTests;

/// <summary>What the specs do to the federation, in its words: publish at a hub, search the catalogue, wait for sync.</summary>
internal static class FederationClient
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static ResourceInput Dataset(string title, string description = "") => new()
    {
        Kind = "dataset", Title = title, Summary = "Integration test resource.", Description = description, Licence = "CC-BY-4.0",
        AccessPolicy = "open", Publisher = "Test University", Keywords = ["integration"],
    };

    public static Task<ResourceSnapshot> CreateAsync(this ServiceProcess hub, ResourceInput resource) =>
        hub.StaffClient().CreateResourceAsync(resource, Cancellation).EnsureSuccessAsync();

    public static Task<ResourceSnapshot> PublishAsync(this ServiceProcess hub, Guid id) =>
        hub.StaffClient().PublishAsync(id, version: null, Cancellation).EnsureSuccessAsync();

    public static async Task<ResourceSnapshot> PublishNewAsync(this ServiceProcess hub, string title, string description = "") =>
        await hub.PublishAsync((await hub.CreateAsync(Dataset(title, description))).Id);

    public static Task<ResourceSnapshot> ChangeAsync(this ServiceProcess hub, Guid id, ResourceInput resource) =>
        hub.StaffClient().UpdateResourceAsync(id, resource, version: null, Cancellation).EnsureSuccessAsync();

    public static Task<ResourceSnapshot> WithdrawAsync(this ServiceProcess hub, Guid id, string? reason = null) =>
        hub.StaffClient().WithdrawAsync(id, new WithdrawalInput(reason), version: null, Cancellation).EnsureSuccessAsync();

    public static Task<HubInfo> InfoAsync(this ServiceProcess hub) => hub.HubClient().InfoAsync(Cancellation).EnsureSuccessAsync();

    public static Task<SearchResult> SearchAsync(this ServiceProcess catalogue, string query) =>
        catalogue.CatalogueClient().SearchAsync(query, Cancellation).EnsureSuccessAsync();

    /// <summary>
    /// Waits for the search as typed to answer as expected. Hits found for a spelling-corrected text answer another
    /// question: a unique word not yet in the catalogue can be "corrected" to a like word of an earlier test's
    /// resource, whose single hit would otherwise pass for the resource still on its way.
    /// </summary>
    public static async Task<SearchResult> WaitForSearchAsync(this ServiceProcess catalogue, string query, Func<SearchResult, bool> done, string what, int seconds = 30) =>
        await Eventually.Until(() => catalogue.SearchAsync(query), result => result.CorrectedText is null && done(result), TimeSpan.FromSeconds(seconds), what);

    public static IEnumerable<string> Titles(this SearchResult result) => result.Items.Select(i => i.Title);

    /// <summary>Waits until the catalogue's registry shows the hub in sync at exactly the hub's own sequence and digest.</summary>
    public static Task<HubStatus> WaitForHubInSyncAsync(this ServiceProcess catalogue, ServiceProcess hub, string hubId, int seconds = 30) =>
        HubSync.WaitUntilInSyncAsync(catalogue, hub, hubId, TimeSpan.FromSeconds(seconds));

    /// <summary>A word no other resource contains, letters only so the text parser keeps it whole.</summary>
    public static string Unique(string word) =>
        word + new string(Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('a' + (b % 26))).ToArray());
}

using Federation.Testing.Faults;

namespace Federation.IntegrationTests;

/// <summary>
/// Each fault of the reliability suite once, on the integration federation under steady publishing at all seven
/// hubs: nothing acknowledged is lost, nothing is duplicated, no resource ever goes back a version, and the
/// catalogue converges. The measured runs (three of each, longer outages) are in docs/reliability.md; no time is
/// asserted here, these machines are shared.
/// </summary>
public sealed class FaultSuiteSpecs(FederationFixture federation, ITestOutputHelper output) : FederationSpecs(federation)
{
    [Theory]
    [InlineData(FaultKind.BrokerKilled)]
    [InlineData(FaultKind.PostgresFastRestart)]
    [InlineData(FaultKind.PostgresImmediateRestart)]
    [InlineData(FaultKind.CatalogueKilled)]
    [InlineData(FaultKind.HubCrashAfterCommit)]
    [InlineData(FaultKind.HubUnreachable)]
    [InlineData(FaultKind.PoisonMessages)]
    [InlineData(FaultKind.DuplicatedAndReordered)]
    public async Task Under_steady_publishing_the_fault_loses_duplicates_and_regresses_nothing(FaultKind fault)
    {
        var runner = new FaultRunner(new FaultTarget(Catalogue, Fixture.Hubs, Fixture.VirtualHost), FaultTimings.Suite, output.WriteLine);

        var result = await runner.RunAsync(fault, run: 1);

        // Each refusal whole (method, path, status and the problem body): xunit's Assert.Empty would cut them short.
        Assert.True(result.Errors.Count == 0, $"{result.Errors.Count} answers were neither acknowledgements nor retryable:\n{string.Join("\n", result.Errors)}");
        Assert.True(result.Acknowledged > 100, $"only {result.Acknowledged} changes were acknowledged: the load did not run");
        Assert.Equal(0, result.Lost);
        Assert.Equal(0, result.Duplicates);
        Assert.Equal(0, result.Regressions);
        Assert.NotNull(result.ConvergedAfterSeconds);
    }
}

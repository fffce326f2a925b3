using Federation.Hub.Faults;
using Federation.Hub.Feed;
using Federation.Hub.Writes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Federation.Hub.Tests;

/// <summary>
/// The fault setup wraps the commit step and the feed publisher that are registered, whatever they are (a type, an
/// instance), so its hooks sit around the real production step rather than around a copy of what it expected.
/// </summary>
public sealed class FaultInjectionSetupSpecs
{
    [Fact]
    public async Task The_fault_decorators_wrap_the_registered_commit_step_and_feed_publisher()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.Configuration["Hub:FaultInjection"] = "true";
        var publisher = new RecordingPublisher();
        builder.Services.AddSingleton<ICommitStep, MarkingCommit>();
        builder.Services.AddSingleton<IFeedPublisher>(publisher);
        // Only a scrambled batch reads the database; none is asked for here.
        builder.Services.AddSingleton(NpgsqlDataSource.Create("Host=127.0.0.1;Port=1"));

        builder.AddFaultInjection();
        await using var services = builder.Services.BuildServiceProvider();

        var commit = Assert.IsType<CrashAfterCommit>(services.GetRequiredService<ICommitStep>());
        await Assert.ThrowsAsync<MarkingCommit.Reached>(() => commit.CommitAsync(null!, TestContext.Current.CancellationToken));
        var feed = Assert.IsType<FaultyFeedPublisher>(services.GetRequiredService<IFeedPublisher>());
        await feed.PublishAsync([], Guid.NewGuid(), TestContext.Current.CancellationToken);
        Assert.Equal(1, publisher.Batches);
    }

    /// <summary>Says it was reached by throwing, before the decorator looks at the unit of work.</summary>
    private sealed class MarkingCommit : ICommitStep
    {
        public Task CommitAsync(HubUnitOfWork work, CancellationToken cancellationToken) => throw new Reached();

        public sealed class Reached : Exception;
    }

    private sealed class RecordingPublisher : IFeedPublisher
    {
        public int Batches { get; private set; }

        public Task PublishAsync(IReadOnlyList<FeedEntry> entries, Guid feedId, CancellationToken cancellationToken)
        {
            Batches++;
            return Task.CompletedTask;
        }
    }
}

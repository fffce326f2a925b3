using Xunit;

namespace Federation.Testing.Hosts;

/// <summary>
/// Specs whose every test runs on a <typeparamref name="THost"/> started for it and stopped after it: no test sees
/// another's data, at the price of a start per test. A spec that needs more set-up overrides
/// <see cref="InitializeAsync"/> and calls this one first, or starts the host itself (with settings of its own) and
/// puts it in <see cref="Host"/>.
/// </summary>
public abstract class SpecsOnAFresh<THost> : IAsyncLifetime where THost : class, IFreshHost<THost>
{
    /// <summary>The host of the running test; a spec that restarts it puts the new one here.</summary>
    protected THost Host { get; set; } = null!;

    public virtual async ValueTask InitializeAsync() => Host = await THost.StartAsync();

    public virtual async ValueTask DisposeAsync()
    {
        // Null when the start failed: the failure is the test's to report, not a second one from here.
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

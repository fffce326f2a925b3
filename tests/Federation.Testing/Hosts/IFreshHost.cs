namespace Federation.Testing.Hosts;

/// <summary>A service a spec can start for one test, on a database and vhost (or port) of its own.</summary>
public interface IFreshHost<TSelf> : IAsyncDisposable where TSelf : IFreshHost<TSelf>
{
    static abstract Task<TSelf> StartAsync();
}

using Federation.Trust;

namespace Federation.ServiceDefaults.Membership;

/// <summary>
/// The members this node trusts: those of the last verified read of the authority, minus any whose statement has
/// expired since. Replaced as a whole, never edited, so a reader always sees one consistent directory. Until a
/// directory has been read nothing is trusted: there is no default member.
/// </summary>
public sealed class FederationMembers(TimeProvider clock)
{
    private readonly TaskCompletionSource loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile MemberDirectory current = MemberDirectory.Empty;
    private Func<CancellationToken, Task>? readAgain;

    /// <summary>Raised after the directory changed (a member came, went, or changed its addresses or keys).</summary>
    public event Action<MemberDirectory>? Changed;

    public MemberDirectory Directory => current;

    public bool IsLoaded => current.ReadAt > DateTimeOffset.MinValue;

    public IReadOnlyList<TrustedMember> Trusted => [.. current.ValidAt(clock.GetUtcNow())];

    public TrustedMember? Find(string memberId) =>
        current.ValidAt(clock.GetUtcNow()).FirstOrDefault(member => member.Member.MemberId == memberId);

    public TrustedMember? FindByIssuer(Uri issuer) =>
        current.ValidAt(clock.GetUtcNow()).FirstOrDefault(member => EntityIds.Same(member.Member.Issuer, issuer));

    /// <summary>True once a directory has been read, false when <paramref name="patience"/> passed first.</summary>
    public async Task<bool> WhenLoadedAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        try
        {
            await loaded.Task.WaitAsync(patience, clock, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads the authority again before a sender or issuer this node does not know is refused: the member may have been
    /// admitted, or have rolled its key over, since the last periodic read. Returns at once on a node without an authority,
    /// or when the authority was read a moment ago (a flood of unknown senders costs the authority one read, not one each).
    /// </summary>
    public Task ReadAgainAsync(CancellationToken cancellationToken) => readAgain?.Invoke(cancellationToken) ?? Task.CompletedTask;

    /// <summary>How <see cref="ReadAgainAsync"/> reads the authority; set by the node's <see cref="MembershipRefresher"/>.</summary>
    internal void ReadAgainWith(Func<CancellationToken, Task> read) => readAgain = read;

    public void Replace(MemberDirectory directory)
    {
        var changed = directory.Version != current.Version || !IsLoaded;
        current = directory;
        loaded.TrySetResult();
        if (changed)
        {
            Changed?.Invoke(directory);
        }
    }
}

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

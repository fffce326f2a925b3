namespace Federation.ServiceDefaults.Membership;

/// <summary>
/// Where a node keeps the authority's last statements, so that after a restart it trusts the same members while the
/// authority cannot be reached. What is loaded is verified again; a store cannot make anything trusted.
/// </summary>
public interface IMembershipStore
{
    Task<IReadOnlyList<string>> LoadAsync(CancellationToken cancellationToken);

    Task SaveAsync(IReadOnlyList<string> statements, CancellationToken cancellationToken);
}

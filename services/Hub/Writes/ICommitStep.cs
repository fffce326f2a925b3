namespace Federation.Hub.Writes;

/// <summary>
/// The last step of a unit of work: COMMIT. It is a seam of its own so that the fault suite can wrap it (a crash just
/// after a commit, see <c>Faults/</c>) and the specs can cut a connection at the moment of commit, while the production
/// path stays a plain commit.
/// </summary>
public interface ICommitStep
{
    Task CommitAsync(HubUnitOfWork work, CancellationToken cancellationToken);
}

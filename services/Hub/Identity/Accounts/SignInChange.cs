using Federation.Hub.Audit;
using Federation.Hub.Identity.Store;
using Federation.Hub.Mail;
using Federation.Hub.Writes;
using Microsoft.AspNetCore.Identity;

namespace Federation.Hub.Identity.Accounts;

/// <summary>
/// A change to how a person signs in (a second factor turned on, recovery codes renewed), its audit record and the
/// mail that tells them, committed together or not at all. If it was not them, the mail is how they learn that
/// someone else holds their way in; a change without it, or a mail about a change that did not happen, is worse than
/// asking the person to try again.
/// </summary>
internal static class SignInChange
{
    /// <summary>
    /// Runs <paramref name="change"/> with Identity's stores enlisted in one unit of work with the record and the mail.
    /// The request's <see cref="IdentityDbContext"/> is spent afterwards: read nothing more through it.
    /// </summary>
    public static async Task CommitAsync(
        HubWrites writes, IdentityDbContext context, Func<Task> change, AuditEntry record, OutgoingMail? mail, CancellationToken cancellationToken)
    {
        await using var work = await writes.BeginAsync(cancellationToken);
        await context.EnlistAsync(work, cancellationToken);
        await change();
        await work.AuditAsync(record, cancellationToken);
        if (mail is not null)
        {
            await work.MailAsync(mail, cancellationToken);
        }

        await work.CommitAsync(cancellationToken);
    }

    /// <summary>Identity's answer, or an exception that rolls the whole change back.</summary>
    public static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The account could not be changed: {string.Join(" ", result.Errors.Select(e => e.Code))}");
        }
    }
}

using Microsoft.Extensions.Options;
using Federation.Contracts.Authority;
using Federation.Trust;

namespace Federation.Authority.Members;

/// <summary>
/// The federation's operators run its membership here, with their secret: list the members, admit one or change
/// what is recorded of it (its keys during a rollover), suspend, reinstate and remove. Each step is audited, and takes
/// effect at every node at its next refresh of the member list.
/// </summary>
public static class MemberEndpoints
{
    public static IEndpointRouteBuilder MapMembers(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/members").WithTags("Members").AddEndpointFilter<AdminSecret>();
        members.MapGet("/", async (MemberStore store, CancellationToken cancellationToken) =>
            TypedResults.Ok((await store.ListAsync(cancellationToken)).Select(View).ToList()));
        members.MapPut("/{memberId}", async Task<IResult> (string memberId, MemberAdmission? admission, MemberStore store, IHostEnvironment environment, IConfiguration configuration, IOptions<AuthorityOptions> options, CancellationToken cancellationToken) =>
        {
            var faults = AdmissionCheck.Faults(memberId, admission, options.Value.PlainHttpAllowed(environment, configuration));
            if (faults.Count > 0)
            {
                return TypedResults.ValidationProblem(faults);
            }

            var (member, conflict) = await store.AdmitAsync(memberId, admission!, cancellationToken);
            return member is null ? Conflict(conflict!) : TypedResults.Ok(View(member));
        });
        members.MapPost("/{memberId}/suspend", (string memberId, MemberChange? change, MemberStore store, CancellationToken cancellationToken) =>
            ChangeAsync(memberId, MemberState.Suspended, change, store, cancellationToken));
        members.MapPost("/{memberId}/reinstate", (string memberId, MemberChange? change, MemberStore store, CancellationToken cancellationToken) =>
            ChangeAsync(memberId, MemberState.Active, change, store, cancellationToken));
        members.MapPost("/{memberId}/remove", (string memberId, MemberChange? change, MemberStore store, CancellationToken cancellationToken) =>
            ChangeAsync(memberId, MemberState.Removed, change, store, cancellationToken));
        return app;
    }

    private static async Task<IResult> ChangeAsync(string memberId, MemberState to, MemberChange? change, MemberStore store, CancellationToken cancellationToken)
    {
        if (change?.Reason is not { Length: >= 3 and <= 500 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["A reason of 3 to 500 characters is needed; it goes into the audit log."] });
        }

        var (member, conflict) = await store.ChangeStateAsync(memberId, to, change.Reason, cancellationToken);
        return member is null ? Conflict(conflict!) : TypedResults.Ok(View(member));
    }

    private static IResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not possible now", detail: detail);

    private static FederationMember View(MemberRecord member) => new(
        member.MemberId, member.EntityId, member.DisplayName, member.Kind, member.Issuer, member.ApiBaseUrl,
        [.. member.PublicKeys.Select(pem => FederationKey.PublicFromPem(pem).Kid)], member.State, member.ChangedAt, member.Reason);
}

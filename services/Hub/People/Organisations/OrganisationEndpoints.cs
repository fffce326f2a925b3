using Federation.Contracts.Hub;
using Federation.Contracts.Serialization;
using Federation.Hub.Access;
using Federation.Hub.Audit;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.Identity.Authorization;
using Federation.Hub.Identity.Store;
using Federation.Hub.Writes;
using Microsoft.EntityFrameworkCore;

namespace Federation.Hub.People.Organisations;

/// <summary>Staff keep the hub's organisations: companies (by KvK number), universities and institutes (by their domains), others.</summary>
public static class OrganisationEndpoints
{
    public static IEndpointRouteBuilder MapOrganisations(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/organisations").WithTags("Membership").RequireAuthorization(HubAuthorization.Staff);
        staff.MapGet("/", ListAsync);
        staff.MapGet("/{id}", async (string id, IdentityDbContext context, CancellationToken cancellationToken) =>
            await FindAsync(context, id, cancellationToken) is { } found ? Results.Ok(found) : Problems.NotFound($"There is no organisation '{id}' at this hub."));
        staff.MapPost("/", AddAsync);
        staff.MapPut("/{id}", ChangeAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(IdentityDbContext context, CancellationToken cancellationToken) =>
        Results.Ok((await Counted(context, context.Organisations.AsNoTracking().OrderBy(o => o.Name)).ToListAsync(cancellationToken)).Select(RecordOf));

    private static async Task<IResult> AddAsync(
        OrganisationInput? input, HttpContext http, IdentityDbContext context, IDbContextFactory<IdentityDbContext> contexts, HubWrites writes, AuditActors actors, CancellationToken cancellationToken)
    {
        input ??= new OrganisationInput(null, null, null);
        if (OrganisationRules.Validate(input, idGiven: true) is { } invalid)
        {
            return Problems.Invalid(invalid.Field, invalid.Message);
        }

        var id = input.Id ?? await FreeIdAsync(context, OrganisationRules.SlugOf(input.Name!.Trim()), cancellationToken);
        if (input.Id is not null && await context.Organisations.AnyAsync(o => o.Id == id, cancellationToken))
        {
            return Problems.Conflict($"There is already an organisation '{id}' at this hub.");
        }

        var organisation = new HubOrganisation { Id = id };
        return await SaveAsync(organisation, input, isNew: true, http, context, contexts, writes, actors, cancellationToken);
    }

    private static async Task<IResult> ChangeAsync(
        string id, OrganisationInput? input, HttpContext http, IdentityDbContext context, IDbContextFactory<IdentityDbContext> contexts, HubWrites writes, AuditActors actors, CancellationToken cancellationToken)
    {
        input ??= new OrganisationInput(null, null, null);
        if (OrganisationRules.Validate(input, idGiven: false) is { } invalid)
        {
            return Problems.Invalid(invalid.Field, invalid.Message);
        }

        if (input.Id is not null && input.Id != id)
        {
            return Problems.Invalid("id", "An organisation keeps its id: members' tokens and grants name it.");
        }

        var organisation = await context.Organisations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        return organisation is null
            ? Problems.NotFound($"There is no organisation '{id}' at this hub.")
            : await SaveAsync(organisation, input, isNew: false, http, context, contexts, writes, actors, cancellationToken);
    }

    private static async Task<IResult> SaveAsync(
        HubOrganisation organisation, OrganisationInput input, bool isNew, HttpContext http, IdentityDbContext context, IDbContextFactory<IdentityDbContext> contexts,
        HubWrites writes, AuditActors actors, CancellationToken cancellationToken)
    {
        var domains = input.Domains ?? [];
        var others = context.Organisations.Where(o => o.Id != organisation.Id);
        if (input.KvkNumber is { } kvk && await others.AnyAsync(o => o.KvkNumber == kvk, cancellationToken))
        {
            return Problems.Conflict($"Another organisation of this hub has KvK number {kvk}.");
        }

        // A domain decides who belongs where (admission by institution): it can belong to one organisation only.
        if (domains.Count > 0 && await others.AnyAsync(o => o.Domains.Any(d => domains.Contains(d)), cancellationToken))
        {
            return Problems.Conflict("One of the domains already belongs to another organisation of this hub.");
        }

        await using var work = await writes.BeginAsync(cancellationToken);
        await context.EnlistAsync(work, cancellationToken);
        organisation.Name = input.Name!.Trim();
        organisation.Type = OrganisationRules.TypeOf(input.Type);
        organisation.KvkNumber = input.KvkNumber;
        organisation.Domains = [.. domains];
        if (isNew)
        {
            context.Organisations.Add(organisation);
        }

        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Another member of staff saved the same id or KvK number a moment ago.
            return Problems.Conflict("Another organisation of this hub has this id or KvK number.");
        }

        await work.AuditAsync(new AuditEntry(isNew ? "organisation.added" : "organisation.changed", "done", actors.Of(http.User),
            Target: organisation.Id, Details: new Dictionary<string, string?>
            {
                ["name"] = organisation.Name, ["type"] = organisation.Type.ToWireName(), ["kvkNumber"] = organisation.KvkNumber,
                ["domains"] = string.Join(' ', organisation.Domains),
            }), cancellationToken);
        await work.CommitAsync(cancellationToken);
        // Read back in a context of its own: the request's context wrote inside the transaction, now gone.
        await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
        var view = await FindAsync(fresh, organisation.Id, cancellationToken);
        return isNew ? Results.Created($"/organisations/{organisation.Id}", view) : Results.Ok(view);
    }

    /// <summary><paramref name="wanted"/>, or with -2, -3 … when an organisation has it already.</summary>
    internal static async Task<string> FreeIdAsync(IdentityDbContext context, string wanted, CancellationToken cancellationToken)
    {
        var taken = await context.Organisations.Where(o => o.Id == wanted || o.Id.StartsWith(wanted + "-")).Select(o => o.Id).ToListAsync(cancellationToken);
        var id = wanted;
        for (var n = 2; taken.Contains(id); n++)
        {
            id = $"{wanted}-{n}";
        }

        return id;
    }

    internal static async Task<OrganisationRecord?> FindAsync(IdentityDbContext context, string id, CancellationToken cancellationToken) =>
        await Counted(context, context.Organisations.AsNoTracking().Where(o => o.Id == id)).SingleOrDefaultAsync(cancellationToken) is { } found
            ? RecordOf(found)
            : null;

    private static IQueryable<WithMembers> Counted(IdentityDbContext context, IQueryable<HubOrganisation> organisations) =>
        organisations.Select(o => new WithMembers(o, context.Users.Count(a => a.OrganisationId == o.Id)));

    private static OrganisationRecord RecordOf(WithMembers found) => new(
        found.Organisation.Id, found.Organisation.Name, found.Organisation.Type.ToWireName(), found.Organisation.KvkNumber,
        found.Organisation.Domains, found.Members);

    private sealed record WithMembers(HubOrganisation Organisation, int Members);
}

using Federation.Hub.People.Invitations;
using Federation.Hub.People.JoinRequests;
using Federation.Hub.People.Members;
using Federation.Hub.People.MyData;
using Federation.Hub.People.Organisations;
using Federation.ServiceDefaults.Options;
using Federation.ServiceDefaults.Postgres;

namespace Federation.Hub.People;

public static class PeopleFeature
{
    /// <summary>
    /// The hub runs its own membership: organisations, invitations by e-mail, requests to join, and staff changing
    /// members' roles and standing, with the person told by mail at every step.
    /// </summary>
    public static WebApplicationBuilder AddPeople(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<PeopleOptions>(PeopleOptions.Section);
        // hub_revoked_people: whose tokens this hub no longer honours; read into memory before the hub serves.
        builder.Services.AddPostgresSchema("hub-people", EmbeddedSchema.Steps(typeof(PeopleFeature).Assembly, "People"), readinessProbe: "SELECT 1 FROM hub_removed_logins LIMIT 1");
        builder.Services.AddSingleton<RevokedPeople>();
        builder.Services.AddHostedService<RevokedPeopleRefresh>();
        builder.Services.AddHealthChecks().AddCheck<RevokedPeopleReadiness>("revoked-people", tags: ["ready"]);
        builder.Services.AddSingleton<PeopleMail>();
        builder.Services.AddScoped<MemberStanding>();
        builder.Services.AddScoped<Invitations.Invitations>();
        builder.Services.AddHostedService<PeopleHousekeeping>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPeople(this IEndpointRouteBuilder app)
    {
        app.MapOrganisations();
        app.MapMembers();
        app.MapInvitations();
        app.MapJoinRequests();
        app.MapInvitationPage();
        app.MapJoinPage();
        app.MapMyData();
        app.MapAccountClosurePage();
        return app;
    }
}

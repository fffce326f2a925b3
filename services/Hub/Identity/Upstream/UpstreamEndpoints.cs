using Federation.Contracts.Hub;
using Federation.Hub.Identity.Authorization;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Identity.Upstream;

/// <summary>GET /identity-providers: staff read which providers the hub trusts and whom they admit (configuration decides both).</summary>
public static class UpstreamEndpoints
{
    public static IEndpointRouteBuilder MapUpstreamProviders(this IEndpointRouteBuilder app)
    {
        app.MapGet("/identity-providers", (IOptions<UpstreamOptions> upstream) => TypedResults.Ok(upstream.Value.Providers.Select(RecordOf).ToList()))
            .WithTags("Membership").RequireAuthorization(HubAuthorization.Staff);
        return app;
    }

    private static IdentityProviderRecord RecordOf(UpstreamProvider provider) => new(
        provider.Name, provider.DisplayName, provider.Authority!.ToString(), provider.ClientId, provider.Scopes,
        new Dictionary<string, string>
        {
            ["subject"] = provider.Claims.Subject, ["email"] = provider.Claims.Email, ["emailVerified"] = provider.Claims.EmailVerified,
            ["name"] = provider.Claims.Name, ["organisation"] = provider.Claims.Organisation, ["affiliation"] = provider.Claims.Affiliation,
        },
        [.. provider.Admission.Select(rule => new AdmissionRuleRecord(
            rule.Domains, rule.Affiliations, rule.OrganisationId, rule.OrganisationName, rule.OrganisationType, rule.Roles))]);
}

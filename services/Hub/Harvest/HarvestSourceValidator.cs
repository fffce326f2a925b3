using Federation.Contracts;
using Federation.Contracts.Harvest;
using Federation.Contracts.Serialization;
using Federation.Hub.Identity.Store;
using Federation.Contracts.Hub;
using Federation.Hub.People.Organisations;
using Federation.Hub.Resources;
using Federation.Hub.Resources.Metadata;

namespace Federation.Hub.Harvest;

/// <summary>Checks a source as staff give it, every problem named by its field; the organisation must be one of this hub's.</summary>
public static class HarvestSourceValidator
{
    public const int DefaultWithdrawalLimitPercent = 20;

    public static async Task<(SourceRow? Source, Dictionary<string, string[]> Errors)> ValidateAsync(
        HarvestSourceInput? input, IdentityDbContext identity, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (input is null)
        {
            errors.Fail("body", "Send the source as JSON: name, url, schedule, accessPolicy, organisation (licence, withdrawalLimitPercent and enabled are optional).");
            return (null, errors.ByField);
        }

        var name = errors.Text(input.Name, "name", 200, required: true);
        var url = input.Url?.Trim();
        if (string.IsNullOrEmpty(url))
        {
            errors.Fail("url", "'url' is required: the address of the catalogue's DCAT-AP export (RDF/XML, Turtle or JSON-LD).");
        }
        else if (url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("https" or "http")
            || url.Any(Rdf.IriText.IsForbidden) || address.UserInfo.Length > 0)
        {
            errors.Fail("url", "'url' must be an http or https address of at most 2,000 characters, without spaces or credentials.");
        }

        var (schedule, scheduleProblem) = HarvestSchedule.Parse(input.Schedule);
        if (scheduleProblem is not null)
        {
            errors.Fail("schedule", scheduleProblem);
        }

        AccessPolicy? policy = null;
        if (WireNames.TryParseWireName<AccessPolicy>(input.AccessPolicy?.Trim() ?? "", out var parsed))
        {
            policy = parsed;
        }
        else
        {
            errors.Fail("accessPolicy", "'accessPolicy' is required: open, federation, approval or hub — what the harvested datasets get.");
        }

        string? licence = null;
        if (!string.IsNullOrWhiteSpace(input.Licence))
        {
            if (LicenceIds.TryNormalise(input.Licence.Trim(), out var canonical))
            {
                licence = canonical;
            }
            else
            {
                errors.Fail("licence", $"'{input.Licence}' is not an SPDX licence id (such as CC-BY-4.0) or LicenseRef-….");
            }
        }

        var limit = input.WithdrawalLimitPercent ?? DefaultWithdrawalLimitPercent;
        if (limit is < 0 or > 100)
        {
            errors.Fail("withdrawalLimitPercent", "'withdrawalLimitPercent' is 0 to 100: the largest share of a source one run may withdraw without staff confirming.");
        }

        var organisationId = input.Organisation?.Trim();
        OrganisationRecord? organisation = null;
        if (string.IsNullOrEmpty(organisationId))
        {
            errors.Fail("organisation", "'organisation' is required: the id of the hub's organisation that publishes the harvested datasets.");
        }
        else if ((organisation = await OrganisationEndpoints.FindAsync(identity, organisationId, cancellationToken)) is null)
        {
            errors.Fail("organisation", $"This hub has no organisation '{organisationId}'.");
        }

        if (errors.Any)
        {
            return (null, errors.ByField);
        }

        return (new SourceRow
        {
            Name = name!,
            Url = url!,
            Schedule = schedule!,
            AccessPolicy = policy!.Value.ToWireName(),
            Licence = licence,
            Organisation = organisation!.Id,
            Publisher = organisation.Name,
            WithdrawalLimitPercent = limit,
            Enabled = input.Enabled ?? true,
        }, errors.ByField);
    }
}

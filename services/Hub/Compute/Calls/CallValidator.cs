using Federation.Contracts;
using Federation.Contracts.Compute;
using Federation.Contracts.Metadata;
using Federation.Hub.Resources.Metadata;

namespace Federation.Hub.Compute.Calls;

/// <summary>
/// Checks a call against the offer it gives out: an access mode the offer has (whose largest allocation becomes the
/// call's), eligibility the offer admits, a capacity of at most a year of the offer's, a deadline still to come, and
/// an allocation window that ends after it.
/// </summary>
public static class CallValidator
{
    public const int MostReviews = 5;

    public static ComputeCall? Validate(CallInput input, ResourceSnapshot? offer, string facilityId, Guid id, DateTimeOffset now, FieldErrors errors)
    {
        if (offer is not { Kind: ResourceKind.Compute, State: ResourceState.Published, Compute: { } compute })
        {
            errors.Fail("offerId", "Name a published compute offer of this facility.");
            return null;
        }

        var title = errors.Text(input.Title, "title", 200, required: true);
        var description = errors.Text(input.Description, "description", 10_000) ?? "";
        var mode = errors.OneOf(input.AccessMode, "accessMode", compute.AccessModes.Select(m => m.Mode), required: true);
        if (input.CapacityHours is not (>= 1 and <= ComputeOfferValidator.AcceleratorHoursMax))
        {
            errors.Fail("capacityHours", $"'capacityHours' is a whole number from 1 to {ComputeOfferValidator.AcceleratorHoursMax}.");
        }
        else if (input.CapacityHours > compute.Capacity.AcceleratorHours * PeriodsPerYear(compute.Capacity.Period))
        {
            errors.Fail("capacityHours", $"The offer gives out at most {compute.Capacity.AcceleratorHours} accelerator-hours a {compute.Capacity.Period}; a call cannot give out more than a year of it.");
        }

        var eligibility = errors.ListOf(input.Eligibility, "eligibility", Vocabularies.ComputeEligibility.Count,
            (value, field) => errors.OneOf(value, field, compute.Eligibility, required: true));
        if (input.Eligibility is not { Count: > 0 })
        {
            errors.Fail("eligibility", $"Name who may apply, from the offer's: {string.Join(", ", compute.Eligibility)}.");
        }

        if (input.Deadline is not { } deadline || deadline <= now)
        {
            errors.Fail("deadline", "The deadline is a moment still to come (ISO 8601 with its offset, e.g. 2027-03-01T17:00:00+01:00).");
        }

        if (input.RequiredReviews is not (>= 0 and <= MostReviews) || input.RequiredReviews == 1)
        {
            errors.Fail("requiredReviews", $"'requiredReviews' is 0 (staff decide alone) or 2 to {MostReviews} reviewers per application.");
        }

        if (input.AllocationStart is not { } start || input.AllocationEnd is not { } end || end <= start)
        {
            errors.Fail("allocationEnd", "Give the window allocations run in: 'allocationStart' before 'allocationEnd'.");
        }
        else if (input.Deadline is { } due && end <= DateOnly.FromDateTime(due.UtcDateTime))
        {
            errors.Fail("allocationEnd", "The allocation window must end after the deadline.");
        }

        return errors.Any
            ? null
            // Kept in UTC: the database keeps moments without their offset.
            : new ComputeCall(id, facilityId, offer.Id, offer.Title, title!, description, mode!, input.CapacityHours!.Value, 0, eligibility,
                input.Deadline!.Value.ToUniversalTime(), input.RequiredReviews!.Value, input.AllocationStart!.Value, input.AllocationEnd!.Value, now, null,
                compute.AccessModes.First(m => m.Mode == mode).MaxAcceleratorHours);
    }

    private static int PeriodsPerYear(string period) => period switch { "month" => 12, "quarter" => 4, _ => 1 };
}

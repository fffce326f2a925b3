using Federation.Contracts.Hub;
using Federation.Contracts.Metadata;

namespace Federation.Hub.Resources.Metadata;

/// <summary>
/// Checks a compute offer: at least one partition with whole, positive sizes; capacity per period; the scheduler,
/// environments, eligibility, access modes and support from the shared vocabularies; energy figures inside what is
/// physically possible (a PUE below 1 would make energy); a price for an eligibility the offer admits.
/// </summary>
public static class ComputeOfferValidator
{
    public const int PartitionsMax = 20;

    /// <summary>The largest single number of accelerator-hours: a million accelerators for a year is still below it.</summary>
    public const long AcceleratorHoursMax = 10_000_000_000;

    public static ComputeOffer? Validate(ComputeInput? input, FieldErrors errors)
    {
        if (input is null)
        {
            return null;
        }

        var before = errors.ByField.Count;
        if (input.Partitions is not { Count: > 0 })
        {
            errors.Fail("compute.partitions", "A compute offer names at least one partition.");
        }

        var partitions = errors.Items(input.Partitions, "compute.partitions", PartitionsMax, $"At most {PartitionsMax} partitions.",
            (ComputePartitionInput? partition, string field) => Partition(partition, field, errors));
        if (partitions.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            errors.Fail("compute.partitions", $"The partition name '{twice.Key}' is used twice.");
        }

        var capacity = Capacity(input.Capacity, errors);
        var scheduler = errors.OneOf(input.Scheduler, "compute.scheduler", Vocabularies.Schedulers, required: true);
        var environments = errors.ListOf(input.SoftwareEnvironments, "compute.softwareEnvironments", Vocabularies.SoftwareEnvironments.Count,
            (value, field) => errors.OneOf(value, field, Vocabularies.SoftwareEnvironments, required: true));
        var site = errors.Text(input.Site, "compute.site", 200, required: true);
        var energy = Energy(input.Energy, errors);
        var eligibility = errors.ListOf(input.Eligibility, "compute.eligibility", Vocabularies.ComputeEligibility.Count,
            (value, field) => errors.OneOf(value, field, Vocabularies.ComputeEligibility, required: true));
        if (input.Eligibility is not { Count: > 0 })
        {
            errors.Fail("compute.eligibility", $"'compute.eligibility' names who may apply: one or more of {string.Join(", ", Vocabularies.ComputeEligibility)}.");
        }

        var modes = errors.Items(input.AccessModes, "compute.accessModes", Vocabularies.ComputeAccessModes.Count,
            $"At most {Vocabularies.ComputeAccessModes.Count} access modes, one of each.", (ComputeAccessModeInput? mode, string field) => AccessMode(mode, field, errors));
        if (input.AccessModes is not { Count: > 0 })
        {
            errors.Fail("compute.accessModes", $"'compute.accessModes' names how one gets compute: one or more of {string.Join(", ", Vocabularies.ComputeAccessModes)}.");
        }
        else if (modes.GroupBy(m => m.Mode).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            errors.Fail("compute.accessModes", $"The access mode '{repeated.Key}' is given twice.");
        }

        var prices = errors.Items(input.Prices, "compute.prices", Vocabularies.ComputeEligibility.Count,
            $"At most one price for each of {string.Join(", ", Vocabularies.ComputeEligibility)}.", (ComputePriceInput? price, string field) => Price(price, field, eligibility, errors));
        if (prices.GroupBy(p => p.Eligibility).FirstOrDefault(g => g.Count() > 1) is { } doubled)
        {
            errors.Fail("compute.prices", $"Two prices for '{doubled.Key}'.");
        }

        var support = errors.ListOf(input.Support, "compute.support", Vocabularies.ComputeSupport.Count,
            (value, field) => errors.OneOf(value, field, Vocabularies.ComputeSupport, required: true));
        if (capacity is not null && modes.FirstOrDefault(m => m.MaxAcceleratorHours > capacity.AcceleratorHours) is { } tooLarge)
        {
            errors.Fail($"compute.accessModes[{modes.IndexOf(tooLarge)}].maxAcceleratorHours",
                $"One allocation of '{tooLarge.Mode}' cannot be larger than the offer's whole capacity ({capacity.AcceleratorHours} accelerator-hours a {capacity.Period}).");
        }

        return errors.ByField.Count > before || capacity is null || scheduler is null || site is null || energy is null
            ? null
            : new ComputeOffer(partitions, capacity, scheduler, environments, site, energy, eligibility, modes, prices, support);
    }

    private static ComputePartition? Partition(ComputePartitionInput? input, string field, FieldErrors errors)
    {
        if (input is null)
        {
            errors.Fail(field, "A partition has a name, an accelerator model, accelerators per node, nodes and memory per node.");
            return null;
        }

        var name = errors.Text(input.Name, $"{field}.name", 60, required: true);
        var accelerator = errors.Text(input.AcceleratorModel, $"{field}.acceleratorModel", 100, required: true);
        var perNode = Whole(input.AcceleratorsPerNode, $"{field}.acceleratorsPerNode", 1, 64, errors);
        var nodes = Whole(input.Nodes, $"{field}.nodes", 1, 100_000, errors);
        var memory = Whole(input.MemoryPerNodeGb, $"{field}.memoryPerNodeGb", 1, 1_048_576, errors);
        var interconnect = errors.Text(input.Interconnect, $"{field}.interconnect", 100);
        return name is null || accelerator is null || perNode is null || nodes is null || memory is null
            ? null
            : new ComputePartition(name, accelerator, perNode.Value, nodes.Value, memory.Value, interconnect);
    }

    private static ComputeCapacity? Capacity(ComputeCapacityInput? input, FieldErrors errors)
    {
        if (input is null)
        {
            errors.Fail("compute.capacity", "'compute.capacity' is required: the accelerator-hours given out per month, quarter or year.");
            return null;
        }

        var period = errors.OneOf(input.Period, "compute.capacity.period", Vocabularies.CapacityPeriods, required: true);
        long? hours = input.AcceleratorHours;
        if (hours is null or < 1 or > AcceleratorHoursMax)
        {
            errors.Fail("compute.capacity.acceleratorHours", $"'compute.capacity.acceleratorHours' is a whole number from 1 to {AcceleratorHoursMax}.");
            return null;
        }

        return period is null ? null : new ComputeCapacity(hours.Value, period);
    }

    private static FacilityEnergy? Energy(FacilityEnergyInput? input, FieldErrors errors)
    {
        if (input is null)
        {
            errors.Fail("compute.energy", "'compute.energy' is required: PUE, renewable share and whether waste heat is reused.");
            return null;
        }

        var faults = errors.ByField.Count;
        // 1.0 is every watt going into computing; nothing real is above 3 any longer.
        if (input.Pue is not { } pue || double.IsNaN(pue) || pue < 1.0 || pue > 3.0)
        {
            errors.Fail("compute.energy.pue", "'compute.energy.pue' (power usage effectiveness) is a number from 1.0 to 3.0.");
        }

        if (input.RenewablePercent is not (>= 0 and <= 100))
        {
            errors.Fail("compute.energy.renewablePercent", "'compute.energy.renewablePercent' is a whole percentage from 0 to 100.");
        }

        if (input.WasteHeatReused is null)
        {
            errors.Fail("compute.energy.wasteHeatReused", "'compute.energy.wasteHeatReused' is required: true or false.");
        }

        var destination = errors.Text(input.WasteHeatDestination, "compute.energy.wasteHeatDestination", 300);
        if (input.WasteHeatReused == true && destination is null)
        {
            errors.Fail("compute.energy.wasteHeatDestination", "Say where the reused waste heat goes (e.g. a district heating network).");
        }

        if (input.WaterLitresPerKwh is { } water && (double.IsNaN(water) || water < 0 || water > 10))
        {
            errors.Fail("compute.energy.waterLitresPerKwh", "'compute.energy.waterLitresPerKwh' (water usage effectiveness) is from 0 to 10 litres per kWh.");
        }

        return errors.ByField.Count > faults
            ? null
            : new FacilityEnergy(Math.Round(input.Pue!.Value, 3), input.RenewablePercent!.Value, input.WasteHeatReused!.Value,
                input.WasteHeatReused == true ? destination : null, input.WaterLitresPerKwh is { } w ? Math.Round(w, 3) : null);
    }

    private static ComputeAccessMode? AccessMode(ComputeAccessModeInput? input, string field, FieldErrors errors)
    {
        if (input is null)
        {
            errors.Fail(field, $"An access mode names its mode: one of {string.Join(", ", Vocabularies.ComputeAccessModes)}.");
            return null;
        }

        var faults = errors.ByField.Count;
        var mode = errors.OneOf(input.Mode, $"{field}.mode", Vocabularies.ComputeAccessModes, required: true);
        if (input.MaxAcceleratorHours is < 1 or > AcceleratorHoursMax)
        {
            errors.Fail($"{field}.maxAcceleratorHours", $"'{field}.maxAcceleratorHours' is a whole number from 1 to {AcceleratorHoursMax}.");
        }

        if (input.DecisionDays is < 0 or > 365)
        {
            errors.Fail($"{field}.decisionDays", $"'{field}.decisionDays' is from 0 to 365 working days.");
        }

        var description = errors.Text(input.Description, $"{field}.description", 1000);
        return errors.ByField.Count > faults || mode is null ? null : new ComputeAccessMode(mode, input.MaxAcceleratorHours, input.DecisionDays, description);
    }

    private static ComputePrice? Price(ComputePriceInput? input, string field, IReadOnlyList<string> eligibility, FieldErrors errors)
    {
        if (input is null)
        {
            errors.Fail(field, "A price names an eligibility and the euro per accelerator-hour.");
            return null;
        }

        var faults = errors.ByField.Count;
        var who = errors.OneOf(input.Eligibility, $"{field}.eligibility", Vocabularies.ComputeEligibility, required: true);
        if (who is not null && eligibility.Count > 0 && !eligibility.Contains(who))
        {
            errors.Fail($"{field}.eligibility", $"'{who}' is not among the offer's eligibility, so it has no price.");
        }

        if (input.EuroPerAcceleratorHour is not (>= 0m and <= 10_000m))
        {
            errors.Fail($"{field}.euroPerAcceleratorHour", $"'{field}.euroPerAcceleratorHour' is an amount from 0 to 10000 euro.");
        }

        return errors.ByField.Count > faults || who is null ? null : new ComputePrice(who, Math.Round(input.EuroPerAcceleratorHour!.Value, 2));
    }

    private static int? Whole(int? value, string field, int min, int max, FieldErrors errors)
    {
        if (value is not { } number || number < min || number > max)
        {
            errors.Fail(field, $"'{field}' is a whole number from {min} to {max}.");
            return null;
        }

        return number;
    }
}

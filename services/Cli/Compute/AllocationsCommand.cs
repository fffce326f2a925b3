using System.Globalization;
using System.Net.Http.Json;
using Federation.Cli.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Compute;

/// <summary><c>federation compute allocations</c>: at a facility, every allocation with its account and use (staff); at a hub, your own.</summary>
public sealed class AllocationsCommand(IAnsiConsole console, HttpMessageHandler handler) : AsyncCommand<HubSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, HubSettings settings, CancellationToken cancellationToken)
    {
        using var connection = await HubConnection.SignInAsync(settings, handler, cancellationToken);
        var info = await connection.Hub.InfoAsync(cancellationToken);
        var table = new Table().AddColumn("Allocation").AddColumn("Account").AddColumn("Partition").AddColumn("Hours").AddColumn("Used").AddColumn("kWh").AddColumn("Until");
        if (info.Value?.Kind == "facility")
        {
            var rows = await connection.Http.GetFromJsonAsync<List<Federation.Contracts.Compute.FacilityAllocation>>("allocations", Federation.Contracts.Serialization.FederationJson.Options, cancellationToken) ?? [];
            foreach (var row in rows)
            {
                table.AddRow(row.AllocationId.ToString(), row.Account, row.Partition, row.Hours.ToString("N0", CultureInfo.InvariantCulture),
                    row.UsedHours.ToString("N1", CultureInfo.InvariantCulture), row.EnergyKwh.ToString("N1", CultureInfo.InvariantCulture), row.Ends);
            }
        }
        else
        {
            var mine = await connection.Hub.MyAllocationsAsync(cancellationToken);
            foreach (var allocation in mine.Value ?? [])
            {
                table.AddRow(allocation.Allocation.AllocationId.ToString(), allocation.Allocation.Account, allocation.Allocation.Partition,
                    allocation.Allocation.Hours.ToString("N0", CultureInfo.InvariantCulture),
                    allocation.UsedHours.ToString("N1", CultureInfo.InvariantCulture) + (allocation.Warning is { } warning ? $" ({warning} %)" : ""),
                    allocation.EnergyKwh.ToString("N1", CultureInfo.InvariantCulture), allocation.Allocation.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }

        console.Write(table);
        return 0;
    }
}

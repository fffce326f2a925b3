using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Federation.Cli.Connection;

/// <summary>Which resource of the hub a command acts on: its id, the first argument.</summary>
public class ResourceSettings : HubSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The resource's id")]
    public Guid Id { get; set; }
}

/// <summary>A resource and a file of the person's to send for it, which must exist before the hub is asked anything.</summary>
public class ResourceFileSettings : ResourceSettings
{
    [CommandArgument(1, "<FILE>")]
    [Description("The file to send")]
    public string File { get; set; } = "";

    public override ValidationResult Validate() =>
        System.IO.File.Exists(File) ? base.Validate() : ValidationResult.Error($"There is no file '{File}'.");
}

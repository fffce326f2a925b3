using Federation.Cli;
using Spectre.Console;

return await FederationCli.RunAsync(args, AnsiConsole.Console);

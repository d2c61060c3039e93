using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using OrderActors.Cli.Commands;

namespace OrderActors.Cli;

/// <summary>The <c>orderactors</c> command tree and its entry point (parse errors are usage errors, exit code 2).</summary>
public static class CliApp
{
    /// <summary>How long a command has, after Ctrl+C or SIGTERM, to stop and say what it did; then the process exits 130.</summary>
    public static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(10);

    public static RootCommand Build()
    {
        var root = new RootCommand(
            "orderactors: inspect and operate an OrderActors silo over its HTTP API. " +
            $"Connects to --url (or ${CliOptions.UrlVariable}, default {CliOptions.DefaultUrl}) with --api-key (or ${CliOptions.ApiKeyVariable}). " +
            ExitCodes.HelpText);
        root.Options.Add(CliOptions.Url);
        root.Options.Add(CliOptions.ApiKey);
        root.Options.Add(CliOptions.Timeout);
        root.Options.Add(CliOptions.Json);
        root.Subcommands.Add(ClusterCommands.Create());
        root.Subcommands.Add(GrainCommands.Create());
        root.Subcommands.Add(ReminderCommands.Create());
        root.Subcommands.Add(OrderCommands.Create());
        root.Subcommands.Add(StockCommands.Create());
        root.Subcommands.Add(CustomerCommands.Create());
        root.Subcommands.Add(ExceptionCommands.Create());
        root.Subcommands.Add(RuleCommands.Create());
        root.Subcommands.Add(KeyCommands.Create());
        root.Subcommands.Add(SubscriptionCommands.Create());
        root.Subcommands.Add(LedgerCommands.Create());
        root.Subcommands.Add(ImportCommands.Create());
        root.Subcommands.Add(ExportCommands.Create());
        root.Subcommands.Add(ReportCommands.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliIo? io = null, CancellationToken cancellationToken = default)
    {
        using var scope = io is null ? null : CliIo.Use(io);
        var current = CliIo.Current;
        var parse = Build().Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            var names = new List<string>();
            for (SymbolResult? result = parse.CommandResult; result is CommandResult commandResult; result = commandResult.Parent)
            {
                names.Insert(0, commandResult.Command.Name);
            }

            names[0] = "orderactors";
            var command = string.Join(' ', names);
            var message = string.Join(' ', parse.Errors[0].Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            await current.Error.WriteLineAsync($"error: {message} Run '{command} --help' for usage.");
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = current.Out.Profile.Out.Writer,
            Error = current.Error,
            // System.CommandLine 2.0.0 ships this as null, not the 2 s its documentation gives
            // (dotnet/command-line-api#2739): Ctrl+C then killed the process where it stood, so an import stopped without
            // its summary and a watch could not end by its own path. Only for the real console: a test in-process
            // cancels through the token and must not take the test host's signals.
            ProcessTerminationTimeout = io is null ? TerminationGrace : null,
        };
        return await parse.InvokeAsync(configuration, cancellationToken);
    }
}

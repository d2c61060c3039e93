using System.CommandLine;
using static OrderActors.Cli.CommandBuilder;

namespace OrderActors.Cli.Commands;

/// <summary><c>ledger check</c>: reservations and allocations per SKU against what its grain reports; drift is exit code 1.</summary>
public static class LedgerCommands
{
    public static Command Create()
    {
        var check = Command("check", "Verify every SKU's open reservations and allocations against its grain; exit code 1 when any drifted.")
            .Runs(async (_, context, cancellationToken) =>
            {
                var report = await context.Api.Admin.CheckLedgerAsync(cancellationToken);
                context.PrintLast("Ledger check");
                return report.Clean ? ExitCodes.Ok : ExitCodes.ApiError;
            });
        return Group("ledger", "The reservation ledger.", check);
    }
}

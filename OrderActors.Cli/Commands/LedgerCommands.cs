using System.CommandLine;
using static OrderActors.Cli.CommandBuilder;

namespace OrderActors.Cli.Commands;

/// <summary>
/// <c>ledger check</c>: reservations and allocations per SKU against what its grain reports; drift is exit code 1.
/// <c>ledger repair</c>: releases stock held for orders that were never stored; exit code 1 when drift remains.
/// </summary>
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
        var repair = Command("repair", "Release stock held for orders that were never stored (a crash before their append, never delivered again), then check again; exit code 1 when other drift remains.")
            .Runs(async (_, context, cancellationToken) =>
            {
                var repaired = await context.Api.Admin.RepairLedgerAsync(cancellationToken);
                context.PrintLast("Ledger repair");
                return repaired.After.Clean ? ExitCodes.Ok : ExitCodes.ApiError;
            });
        return Group("ledger", "The reservation ledger.", check, repair);
    }
}

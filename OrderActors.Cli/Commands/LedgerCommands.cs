using System.CommandLine;
using System.Text.Json;
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
                return HasDrift(report) ? ExitCodes.ApiError : ExitCodes.Ok;
            });
        return Group("ledger", "The reservation ledger.", check);
    }

    /// <summary>Drift is reported as a non-empty <c>drift</c>/<c>drifts</c> list or <c>ok: false</c>/<c>consistent: false</c>.</summary>
    public static bool HasDrift(JsonElement report)
    {
        if (report.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in report.EnumerateObject())
        {
            var name = property.Name.ToLowerInvariant();
            if (name is "ok" or "consistent" && property.Value.ValueKind == JsonValueKind.False)
            {
                return true;
            }

            if (name is "drift" or "drifts" or "drifted" && property.Value.ValueKind == JsonValueKind.Array && property.Value.GetArrayLength() > 0)
            {
                return true;
            }
        }

        return false;
    }
}

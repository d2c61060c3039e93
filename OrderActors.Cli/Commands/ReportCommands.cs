using System.CommandLine;
using static OrderActors.Cli.CommandBuilder;

namespace OrderActors.Cli.Commands;

/// <summary><c>report summary --from --to</c>.</summary>
public static class ReportCommands
{
    public static Command Create()
    {
        var from = Option<string>("--from", "Start (ISO date or time, e.g. 2026-11-01).", required: true);
        var to = Option<string>("--to", "End, exclusive (ISO date or time).", required: true);
        var summary = Command("summary", "Orders by channel and status, fulfilment times, SLA breaches, exceptions, returns, repurchase rate, delivery accuracy.", from, to)
            .Runs(async (parse, context, ct) =>
            {
                await context.Api.Reports.SummaryAsync(OrderCommands.Time(parse.GetValue(from), "--from"), OrderCommands.Time(parse.GetValue(to), "--to"), ct);
                return context.PrintLast("Summary");
            });
        return Group("report", "Operations reports.", summary);
    }
}

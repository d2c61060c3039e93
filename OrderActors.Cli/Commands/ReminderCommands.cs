using System.CommandLine;
using static OrderActors.Cli.CommandBuilder;

namespace OrderActors.Cli.Commands;

/// <summary><c>reminders list [--due-within 10m]</c>.</summary>
public static class ReminderCommands
{
    public static Command Create()
    {
        var dueWithin = Option<string?>("--due-within", "Only reminders due within this time, e.g. 10m, 2h, 1d.");
        var list = Command("list", "Durable reminders by due time.", dueWithin)
            .Runs(async (parse, context, cancellationToken) =>
            {
                var window = parse.GetValue(dueWithin) is { } text ? Duration.Parse(text, "--due-within") : (TimeSpan?)null;
                await context.Api.Admin.RemindersAsync(window, cancellationToken);
                return context.PrintLast("Reminders");
            });
        return Group("reminders", "Inspect durable reminders.", list);
    }
}

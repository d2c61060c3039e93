using System.CommandLine;
using static OrderActors.Cli.CommandBuilder;

namespace OrderActors.Cli.Commands;

/// <summary><c>reminders list [--due-within 10m] [--limit 200]</c>.</summary>
public static class ReminderCommands
{
    /// <summary>The API's own default page.</summary>
    private const int DefaultLimit = 200;

    public static Command Create()
    {
        var dueWithin = Option<string?>("--due-within", "Only reminders due within this time, e.g. 10m, 2h, 1d.");
        var limit = Option<int?>("--limit", $"At most this many, the soonest first (1-5000, default {DefaultLimit}).");
        var list = Command("list", "Durable reminders by due time.", dueWithin, limit)
            .Runs(async (parse, context, cancellationToken) =>
            {
                var window = parse.GetValue(dueWithin) is { } text ? Duration.Parse(text, "--due-within") : (TimeSpan?)null;
                var asked = parse.GetValue(limit);
                var reminders = await context.Api.Admin.RemindersAsync(window, asked, cancellationToken);
                var exit = context.PrintLast("Reminders");
                if (!context.Json && reminders.Count == (asked ?? DefaultLimit))
                {
                    // A full page said nothing about what it left out: 200 shown while 8,000 were due.
                    context.WriteRaw($"(the first {reminders.Count}; more may be due: --limit up to 5000, or a shorter --due-within)");
                }

                return exit;
            });
        return Group("reminders", "Inspect durable reminders.", list);
    }
}

using System.Globalization;
using OrderActors.Client.Contracts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrderActors.Cli.Rendering;

/// <summary><c>cluster status</c> as an operator reads it: the silo's vital figures, activations per type, the longest mailboxes.</summary>
public static class ClusterView
{
    public static IRenderable Render(ClusterStatusDto status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var silo = new Table().Border(TableBorder.Rounded).Title("[bold]Cluster[/]")
            .AddColumn("silo").AddColumn("uptime").AddColumn("storage").AddColumn(Right("commit p50/p99 ms")).AddColumn(Right("activations"))
            .AddColumn(Right("mailbox backlog")).AddColumn(Right("calls/s")).AddColumn(Right("calls failed")).AddColumn(Right("reminders due")).AddColumn(Right("reminder lag p50/p99 ms"));
        silo.AddRow(
            Markup.Escape(TerminalText.Safe(status.SiloId)),
            Uptime(status.UptimeSeconds),
            Markup.Escape(TerminalText.Safe(status.StorageProvider)),
            $"{N(status.Storage.CommitLatencyP50Ms)} / {N(status.Storage.CommitLatencyP99Ms)}",
            status.Activations.ToString(CultureInfo.InvariantCulture),
            Warn(status.MailboxBacklog, 100),
            N(status.CallsPerSecond),
            Warn(status.CallsFailed, 1),
            Warn(status.Reminders.Backlog, 1000),
            $"{N(status.Reminders.LagP50Ms)} / {Warn(status.Reminders.LagP99Ms, 1000)}");

        var types = new Table().Border(TableBorder.Rounded).Title("[bold]Activations per grain type[/]").AddColumn("type").AddColumn(Right("activations"));
        foreach (var (type, count) in status.ActivationsByType.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal))
        {
            types.AddRow(Markup.Escape(TerminalText.Safe(type)), count.ToString(CultureInfo.InvariantCulture));
        }

        var renderables = new List<IRenderable> { silo, types };
        if (status.TopQueues.Count > 0)
        {
            var queues = new Table().Border(TableBorder.Rounded).Title("[bold]Longest mailboxes[/]").AddColumn("grain").AddColumn(Right("queue")).AddColumn(Right("idle s")).AddColumn(Right("calls"));
            foreach (var activation in status.TopQueues)
            {
                queues.AddRow(Markup.Escape(TerminalText.Safe($"{activation.GrainType}/{activation.GrainKey}")), Warn(activation.QueueLength, 10), N(activation.IdleSeconds), activation.Calls.ToString(CultureInfo.InvariantCulture));
            }

            renderables.Add(queues);
        }

        return new Rows(renderables);
    }

    private static TableColumn Right(string header) => new TableColumn(header).RightAligned();

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Warn(double value, double threshold)
    {
        var text = N(value);
        return value >= threshold ? $"[yellow]{text}[/]" : text;
    }

    private static string Uptime(double seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        return span.TotalDays >= 1 ? $"{(int)span.TotalDays}d {span.Hours}h {span.Minutes}m" : span.TotalHours >= 1 ? $"{span.Hours}h {span.Minutes}m" : $"{span.Minutes}m {span.Seconds}s";
    }
}

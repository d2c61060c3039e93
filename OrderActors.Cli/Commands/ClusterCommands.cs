using System.CommandLine;
using System.Text.Json;
using OrderActors.Cli.Rendering;
using Spectre.Console;
using static OrderActors.Cli.CommandBuilder;

namespace OrderActors.Cli.Commands;

/// <summary><c>cluster status [--watch]</c>: the runtime's statistics, once or refreshed live until Ctrl+C.</summary>
public static class ClusterCommands
{
    public static Command Create()
    {
        var watch = Option<bool>("--watch", "Refresh live until Ctrl+C (with --json: one JSON line per refresh).");
        var interval = Option<string?>("--interval", "Time between refreshes with --watch (default 2s).");
        var status = Command("status", "Silos, uptime, storage provider and latency, activations per grain type, mailbox backlog, calls/s, reminders due and lag.", watch, interval)
            .Runs((parse, context, cancellationToken) => parse.GetValue(watch)
                ? WatchAsync(context, Duration.Parse(parse.GetValue(interval) ?? "2s", "--interval"), cancellationToken)
                : StatusAsync(context, cancellationToken));
        return Group("cluster", "Inspect the cluster.", status);
    }

    private static async Task<int> StatusAsync(CliContext context, CancellationToken cancellationToken)
    {
        await context.Api.Admin.ClusterAsync(cancellationToken);
        return context.PrintLast("Cluster");
    }

    private static async Task<int> WatchAsync(CliContext context, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new CliUsageException("--interval must be more than zero.");
        }

        if (context.Json)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var stats = await context.Api.Admin.ClusterAsync(cancellationToken);
                context.WriteRaw(JsonSerializer.Serialize(stats));
                await Task.Delay(interval, cancellationToken);
            }

            return ExitCodes.Ok;
        }

        var first = await context.Api.Admin.ClusterAsync(cancellationToken);
        await context.Out.Live(View(first, interval)).StartAsync(async live =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(interval, cancellationToken);
                live.UpdateTarget(View(await context.Api.Admin.ClusterAsync(cancellationToken), interval));
            }
        });
        return ExitCodes.Ok;
    }

    private static Spectre.Console.Rendering.IRenderable View(JsonElement stats, TimeSpan interval) =>
        new Rows(JsonView.Render(stats, "Cluster"), new Markup($"[grey]refreshing every {interval.TotalSeconds:0.#}s; Ctrl+C to stop[/]"));
}

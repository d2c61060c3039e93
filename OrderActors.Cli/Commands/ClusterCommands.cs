using System.CommandLine;
using OrderActors.Cli.Rendering;
using OrderActors.Client.Contracts;
using Spectre.Console;
using Spectre.Console.Rendering;
using static OrderActors.Cli.CommandBuilder;

namespace OrderActors.Cli.Commands;

/// <summary><c>cluster status [--watch]</c>: the runtime's figures, once or refreshed live until Ctrl+C.</summary>
public static class ClusterCommands
{
    public static Command Create()
    {
        var watch = Option<bool>("--watch", "Refresh live until Ctrl+C (with --json: one JSON line per refresh).");
        var interval = Option<string?>("--interval", "Time between refreshes with --watch (default 2s).");
        var status = Command("status", "Silo, uptime, storage provider and latency, activations per grain type, mailbox backlog, calls/s, reminders due and lag.", watch, interval)
            .Runs((parse, context, cancellationToken) => parse.GetValue(watch)
                ? WatchAsync(context, Duration.Parse(parse.GetValue(interval) ?? "2s", "--interval", TimeSpan.FromDays(1)), cancellationToken)
                : StatusAsync(context, cancellationToken));
        return Group("cluster", "Inspect the cluster.", status);
    }

    private static async Task<int> StatusAsync(CliContext context, CancellationToken cancellationToken)
    {
        var status = await context.Api.Admin.ClusterAsync(cancellationToken);
        if (context.Json)
        {
            return context.PrintLast();
        }

        context.Write(ClusterView.Render(status));
        return ExitCodes.Ok;
    }

    private static async Task<int> WatchAsync(CliContext context, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new CliUsageException("--interval must be more than zero.");
        }

        try
        {
            await RefreshAsync(context, interval, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C is how a watch ends: nothing was cut short, and a line half-printed is never left (each is one write).
        }

        return ExitCodes.Ok;
    }

    private static async Task RefreshAsync(CliContext context, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (context.Json)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // The body as the API sent it: re-serializing would escape characters (+ as \u002B) and reorder nothing
                // a script asked to change.
                await context.Api.Admin.ClusterAsync(cancellationToken);
                context.WriteRaw(context.LastBody ?? "{}");
                await Task.Delay(interval, cancellationToken);
            }

            return;
        }

        var first = await context.Api.Admin.ClusterAsync(cancellationToken);
        await context.Out.Live(View(first, interval)).StartAsync(async live =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(interval, cancellationToken);
                live.UpdateTarget(View(await context.Api.Admin.ClusterAsync(cancellationToken), interval));
                live.Refresh();
            }
        });
    }

    private static IRenderable View(ClusterStatusDto status, TimeSpan interval) =>
        new Rows(ClusterView.Render(status), new Markup($"[grey]refreshing every {interval.TotalSeconds:0.#}s; Ctrl+C to stop[/]"));
}

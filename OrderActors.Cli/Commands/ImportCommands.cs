using System.CommandLine;
using System.Text.Json;
using OrderActors.Cli.Import;
using OrderActors.Cli.Rendering;
using Spectre.Console;
using static OrderActors.Cli.CommandBuilder;

namespace OrderActors.Cli.Commands;

/// <summary>
/// <c>import orders --channel taobao &lt;file.csv&gt;</c>: a marketplace export through the same mapping, validation and dedup as
/// the channel's webhooks. Exit code 0 when every order was created or already there, 1 when some were rejected.
/// </summary>
public static class ImportCommands
{
    private static readonly JsonSerializerOptions SummaryJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var channel = Option<string>("--channel", "The channel the export comes from (taobao, jd, pdd, douyin, shopify, own, or any channel with a mapping).", required: true);
        var file = Argument("file", "The CSV export: one row per order line; rows with the same order number are one order. Optional 'promotions' and 'tags' columns list several in one cell separated by ';'.");
        var columns = Option<string?>("--columns", "A JSON file mapping fields to your headers, e.g. {\"externalOrderNo\": \"Order ID\"}. Taobao's Chinese headers are known.");
        var secret = Option<string?>("--secret", $"The channel's webhook secret (default: ${ImportCommandsEnvironment.SharedSecretVariable}_<CHANNEL>, else ${ImportCommandsEnvironment.SharedSecretVariable}).");
        var orders = Command(
            "orders",
            "Import orders from a marketplace CSV export. Writes rejected rows with a 'reason' column to <file>.rejected.csv. Exit code 1 when rows were rejected.",
            channel,
            file,
            columns,
            secret)
            .Runs((parse, context, ct) => RunAsync(
                context,
                parse.GetValue(channel)!.Trim().ToLowerInvariant(),
                parse.GetValue(file)!,
                parse.GetValue(columns),
                parse.GetValue(secret) ?? ImportCommandsEnvironment.Secret(parse.GetValue(channel)!.Trim(), CliIo.Current.Environment),
                ct));
        return Group("import", "Import data.", orders);
    }

    private static async Task<int> RunAsync(CliContext context, string channel, string path, string? columnsFile, string? secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            throw new CliUsageException(
                $"an import is posted to /webhooks/{channel} signed like the platform signs it, so it needs the channel's webhook secret: pass --secret or set {ImportCommandsEnvironment.SecretVariable(channel)}.");
        }

        var headerMap = HeaderMap.For(channel);
        if (columnsFile is not null)
        {
            try
            {
                headerMap = headerMap.WithOverrides(CliFiles.ReadAllText(columnsFile));
            }
            catch (System.Text.Json.JsonException json)
            {
                throw CliFiles.NotJson(columnsFile, json);
            }
        }

        var csv = CsvFile.Read(path, headerMap);
        var plan = ImportPlan.From(csv.Rows, csv.ColumnName);
        var rejectedPath = RejectedRowsWriter.PathFor(path);
        RejectedRowsWriter.EnsureWritable(rejectedPath);
        var mapping = await context.Api.Channels.GetMappingAsync(channel, cancellationToken);
        var builder = new PayloadBuilder(mapping);
        builder.EnsureMapped(channel, csv.Rows);
        var runner = new ImportRunner(context.Api, channel, secret, builder);

        IReadOnlyList<ImportRejection> sent;
        if (context.Json)
        {
            sent = await runner.RunAsync(plan.Orders, () => { }, cancellationToken);
        }
        else
        {
            sent = await context.Out.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask($"Importing {plan.Orders.Count} {channel} orders", maxValue: Math.Max(plan.Orders.Count, 1));
                    var result = await runner.RunAsync(plan.Orders, () => task.Increment(1), cancellationToken);
                    if (!runner.Interrupted)
                    {
                        task.Value = task.MaxValue;
                    }

                    return result;
                });
        }

        var rejections = plan.Rejections.Concat(sent).OrderBy(r => r.Rows[0].Line).ToList();
        string? rejectedFile = null;
        string? removedRejectedFile = null;
        string? writeFailure = null;
        try
        {
            if (rejections.Count > 0)
            {
                RejectedRowsWriter.Write(rejectedPath, csv.Headers, rejections);
                rejectedFile = rejectedPath;
            }
            else if (File.Exists(rejectedPath))
            {
                // A file left by an earlier run would read as this run's rejections.
                File.Delete(rejectedPath);
                removedRejectedFile = rejectedPath;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Orders were sent by now: the summary still has to be printed, with the reasons it holds.
            writeFailure = $"could not write {rejectedPath} ({e.Message.ReplaceLineEndings(" ").Trim().TrimEnd('.')}); the rejections are listed above.";
        }

        var summary = new ImportSummary
        {
            File = path,
            Channel = channel,
            Rows = csv.Rows.Count,
            Orders = csv.Rows.Select(r => r.Get(ImportField.OrderNo)).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Count(),
            Created = runner.Created,
            Duplicates = runner.Duplicates + plan.DuplicateRows.Count,
            DuplicateRows = plan.DuplicateRows.Count,
            Rejected = rejections.Select(r => r.OrderNo ?? $"line {r.Rows[0].Line}").Distinct(StringComparer.Ordinal).Count(),
            RejectedRows = rejections.Sum(r => r.Rows.Count),
            RejectedFile = rejectedFile,
            RemovedRejectedFile = removedRejectedFile,
            Rejections = [.. rejections.Select(r => new ImportRejectionView([.. r.Rows.Select(row => row.Line)], r.OrderNo, r.Reason))],
            Interrupted = runner.Interrupted,
            NotAnswered = plan.Orders.Count - runner.Answered,
        };
        Print(context, summary);
        if (writeFailure is not null)
        {
            await context.Error.WriteLineAsync($"error: {writeFailure}");
        }

        if (runner.Interrupted)
        {
            // The summary above counts what the service answered; what it did not answer has to be said, and how to finish.
            await context.Error.WriteLineAsync(
                $"error: interrupted (Ctrl+C): the service answered {runner.Answered} of {plan.Orders.Count} orders; the other {summary.NotAnswered} were not imported, " +
                $"but up to {ImportRunner.InFlight} of them were on their way and may have been created. Run the same command again to import the rest: " +
                "orders already imported count as duplicates and change nothing.");
            return ExitCodes.Interrupted;
        }

        return writeFailure is not null || rejections.Count > 0 ? ExitCodes.ApiError : ExitCodes.Ok;
    }

    private static void Print(CliContext context, ImportSummary summary)
    {
        if (context.Json)
        {
            context.WriteRaw(JsonSerializer.Serialize(summary, SummaryJson));
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]Import of {Markup.Escape(summary.File)}[/]").AddColumn("").AddColumn(new TableColumn("").RightAligned());
        table.AddRow("rows", summary.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("[green]created[/]", summary.Created.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("[yellow]duplicates[/]", summary.Duplicates.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("[red]rejected[/]", summary.Rejected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (summary.Interrupted)
        {
            table.AddRow("[red]not imported (interrupted)[/]", summary.NotAnswered.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        context.Write(table);
        if (summary.RemovedRejectedFile is not null)
        {
            context.Out.MarkupLineInterpolated($"Nothing was rejected: removed [bold]{summary.RemovedRejectedFile}[/], left by an earlier import.");
        }

        if (summary.Rejections.Count == 0)
        {
            return;
        }

        var rejected = new Table().Border(TableBorder.Rounded).Title("[bold red]Rejected[/]").AddColumn("lines").AddColumn("order").AddColumn("reason");
        foreach (var rejection in summary.Rejections)
        {
            rejected.AddRow(Markup.Escape(string.Join(", ", rejection.Lines)), Markup.Escape(TerminalText.Safe(rejection.OrderNo ?? "?")), Markup.Escape(TerminalText.Safe(rejection.Reason)));
        }

        context.Write(rejected);
        if (summary.RejectedFile is not null)
        {
            context.Out.MarkupLineInterpolated($"Rejected rows, with a reason column: [bold]{summary.RejectedFile}[/]");
        }
    }
}

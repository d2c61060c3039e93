using System.CommandLine;
using System.Globalization;
using System.Text;
using static OrderActors.Cli.CommandBuilder;

namespace OrderActors.Cli.Commands;

/// <summary><c>export reconciliation --date D [--out file.csv]</c>: the API's CSV, to a file or stdout.</summary>
public static class ExportCommands
{
    public static Command Create()
    {
        var date = Option<string>("--date", "The day (yyyy-MM-dd).", required: true);
        var output = Option<string?>("--out", "Write the CSV to this file (default: stdout).");
        var reconciliation = Command("reconciliation", "Per channel: orders, paid, refunds, credit notes, net, as CSV.", date, output)
            .Runs(async (parse, context, ct) =>
            {
                var text = parse.GetValue(date)!;
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    throw new CliUsageException($"--date '{text}' is not a date; use yyyy-MM-dd.");
                }

                var csv = await context.Api.Reports.ReconciliationCsvAsync(day, ct);
                if (parse.GetValue(output) is { } path)
                {
                    // Whole or as it was: written straight to the name, an export cut short left half a file that
                    // looked like the day's reconciliation.
                    CliFiles.WriteWhole(path, partial => File.WriteAllText(partial, csv, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)));
                    context.Error.WriteLine($"wrote {path}");
                }
                else
                {
                    context.Out.Profile.Out.Writer.Write(csv);
                }

                return ExitCodes.Ok;
            });
        return Group("export", "Export files.", reconciliation);
    }
}

using System.Globalization;

namespace OrderActors.Bench.Load;

/// <summary>Prints a scenario report as plain text (the form pasted into docs/benchmarks.md).</summary>
public static class ReportPrinter
{
    public static void Print(ScenarioReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine();
        output.WriteLine(FormattableString.Invariant($"== {report.Scenario} on {report.Target} ({report.Provider}), concurrency {report.Concurrency}{(report.Crash ? $", SIGKILL + restart half-way ({report.Restarts} restart)" : string.Empty)}"));
        if (report.Warmup is { } warmup)
        {
            output.WriteLine(FormattableString.Invariant(
                $"  warm-up            {warmup.Sent:N0} of {warmup.Requested:N0} in {warmup.Seconds:0.00} s = {warmup.PerSecond:N0}/s, errors {warmup.Errors:N0}, then {warmup.SettleSeconds:0.0} s idle {(warmup.JitQuiet ? "until the tier-1 JIT was quiet" : "and the tier-1 JIT still busy")} (its thread's CPU {warmup.JitCpuSeconds:0.00} s): NOT MEASURED (in no figure below)"));
        }

        output.WriteLine(FormattableString.Invariant($"  requests sent      {report.Sent:N0} in {report.ElapsedSeconds:0.00} s = {report.PerSecond:N0}/s"));
        output.WriteLine(FormattableString.Invariant($"  latency ms         p50 {report.P50Ms:0.0}  p90 {report.P90Ms:0.0}  p99 {report.P99Ms:0.0}  max {report.MaxMs:0.0}"));
        output.WriteLine(FormattableString.Invariant($"  answers            {string.Join("  ", report.ByStatus.OrderBy(kv => kv.Key).Select(kv => $"{(kv.Key == LoadClient.TransportError ? "no answer" : kv.Key.ToString(CultureInfo.InvariantCulture))}: {kv.Value:N0}"))}"));
        output.WriteLine(FormattableString.Invariant($"  errors             {report.Errors:N0} (5xx or no answer)"));
        output.WriteLine(FormattableString.Invariant($"  server peak RSS    {report.PeakRssBytes / 1048576.0:N0} MiB (VmHWM); CPU {report.ServerCpuSeconds:0.0} s in all"));
        foreach (var (name, value) in report.Figures.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            output.WriteLine(FormattableString.Invariant($"  {name,-60} {value:N2}"));
        }

        foreach (var (name, value) in report.Counts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            output.WriteLine(FormattableString.Invariant($"  {name,-60} {value:N0}"));
        }

        foreach (var check in report.Checks)
        {
            output.WriteLine(FormattableString.Invariant($"  [{(check.Passed ? "ok" : "FAILED")}] {check.Name}: {check.Detail}"));
        }

        foreach (var note in report.Notes)
        {
            output.WriteLine(FormattableString.Invariant($"  note: {note}"));
        }
    }

    public static void PrintRatio(ScenarioReport actors, ScenarioReport baseline, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(actors);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine();
        output.WriteLine(FormattableString.Invariant($"== ratio {actors.Scenario}, actors / baseline ({actors.Provider})"));
        output.WriteLine(FormattableString.Invariant($"  throughput         {actors.PerSecond:N0}/s vs {baseline.PerSecond:N0}/s = x{actors.PerSecond / baseline.PerSecond:0.00}"));
        output.WriteLine(FormattableString.Invariant($"  p50 / p99 ms       {actors.P50Ms:0.0} / {actors.P99Ms:0.0} vs {baseline.P50Ms:0.0} / {baseline.P99Ms:0.0}"));
        output.WriteLine(FormattableString.Invariant($"  peak RSS MiB       {actors.PeakRssBytes / 1048576.0:N0} vs {baseline.PeakRssBytes / 1048576.0:N0}"));
        foreach (var (name, value) in actors.Figures)
        {
            if (baseline.Figures.TryGetValue(name, out var b) && b != 0 && name.Contains("/s", StringComparison.Ordinal))
            {
                output.WriteLine(FormattableString.Invariant($"  {name,-60} x{value / b:0.00} ({value:N0} vs {b:N0})"));
            }
        }
    }
}

using System.Globalization;
using System.Text.Json;

namespace OrderActors.Bench.Load;

/// <summary>The load scenarios' command line: runs the scenario on the silo and, where it has one, on the baseline, and prints both with their ratio.</summary>
public static class LoadCommand
{
    public static async Task<int> RunAsync(string scenario, BenchArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var supportsBaseline = scenario is "intake" or "flash-sale" or "http-floor" or "http-floor-auth";
        var target = args.Get("target") ?? (supportsBaseline ? "both" : "actors");
        var options = new LoadOptions
        {
            Scenario = scenario,
            Provider = args.Get("provider") ?? "sqlite",
            PostgresAdmin = args.Get("postgres"),
            Requests = args.GetInt("requests", scenario == "flash-sale" ? 100_000 : 10_000),
            Concurrency = args.GetInt("concurrency", 64),
            Rate = args.GetDouble("rate", 0) is > 0 and var rate ? rate : null,
            MaxDuration = TimeSpan.FromSeconds(args.GetDouble("max-seconds", 600)),
            Warmup = args.GetInt("warmup", DefaultWarmup(scenario)),
            WarmupMaxDuration = TimeSpan.FromSeconds(args.GetDouble("warmup-seconds", 60)),
            Crash = args.Has("crash"),
            Skus = args.GetInt("skus", 1000),
            Units = args.GetInt("units", 10_000),
            Hold = args.Get("hold") is { } hold ? TimeSpan.Parse(hold, CultureInfo.InvariantCulture) : scenario == "holds" ? TimeSpan.FromSeconds(30) : null,
            Redeliver = args.GetDouble("redeliver", 0.2),
            BadSignature = args.GetDouble("bad", 0.05),
            Seed = args.GetInt("seed", 42),
            VerifyMax = args.GetInt("verify-max", int.MaxValue),
            SiloDll = args.Get("silo"),
            KeepData = args.Has("keep"),
            ServerSettings = args.GetAll("set"),
        };

        var targets = target == "both" ? new[] { "baseline", "actors" } : [target];
        var reports = new List<ScenarioReport>();
        foreach (var t in targets)
        {
            Console.Error.WriteLine($"[{TimeProvider.System.GetLocalNow():HH:mm:ss}] {scenario} on {t} ({options.Provider}): {options.Requests:N0} requests, concurrency {options.Concurrency}{(options.Rate is { } r ? $", paced at {r:N0} arrivals/s" : string.Empty)}{(options.Warmup > 0 ? $", after a warm-up of {options.Warmup:N0} (not measured)" : string.Empty)}{(options.Crash ? ", crash half-way" : string.Empty)}");
            reports.Add(await LoadRunner.RunAsync(options with { Target = t }));
        }

        foreach (var report in reports)
        {
            ReportPrinter.Print(report, Console.Out);
        }

        if (reports.Count == 2)
        {
            ReportPrinter.PrintRatio(reports[1], reports[0], Console.Out);
        }

        if (args.Get("json") is { } json)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(reports, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        }

        return reports.All(r => r.Passed) ? 0 : 1;
    }

    /// <summary>
    /// Warm-up operations when <c>--warmup</c> is not given. A freshly started server spends its first seconds compiling
    /// (tier-0 code, then tier-1 in the background), which costs the silo, with far more code, more than the baseline.
    /// Each default is several seconds of the scenario's cold rate on this machine and a few times every hot method's
    /// call count, and stays small beside the measured run: intake 5,000 orders (≈ 5 s cold; 10,000 requests),
    /// flash-sale 20,000 attempts (20% of the default sale, ≈ 4 s, one unit per ten attempts so refusals are warmed too),
    /// webhook-storm 5,000 deliveries, http-floor 5,000 GETs (stateless). Holds: none (see <c>HoldsScenario</c>).
    /// </summary>
    private static int DefaultWarmup(string scenario) => scenario switch
    {
        "intake" or "webhook-storm" or "http-floor" or "http-floor-auth" => 5_000,
        "flash-sale" => 20_000,
        _ => 0,
    };
}

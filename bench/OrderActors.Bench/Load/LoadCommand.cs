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
            WarmupSettleLimit = TimeSpan.FromSeconds(args.GetDouble("warmup-settle-seconds", 15)),
            Crash = args.Has("crash"),
            NoResend = args.Has("no-resend"),
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

        if (ProviderError(options) is { } error)
        {
            Console.Error.WriteLine(error);
            return 2;
        }

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

    /// <summary>Why the run cannot use its <c>--provider</c>, or null when it can.</summary>
    public static string? ProviderError(LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider is not ("sqlite" or "postgres" or "memory"))
        {
            return $"--provider must be sqlite, postgres or memory (got '{options.Provider}').";
        }

        if (options.NoResend && !(options.Crash && options.Scenario == "webhook-storm"))
        {
            return "--no-resend goes with webhook-storm --crash (deliveries the kill left unanswered are then not sent again).";
        }

        return options.Provider == "memory" && options.Crash
            ? "--crash needs a database that outlives the server: use --provider sqlite or postgres."
            : null;
    }

    /// <summary>
    /// Warm-up operations when <c>--warmup</c> is not given. A freshly started server compiles its code twice: tier 0 on
    /// first call, then tier 1 on one background thread that, with the cores busy serving the load, gets little CPU and
    /// finishes 12–18 s after start on this 2-core machine (its CPU timeline under intake and flash-sale load). Each default
    /// is the count that left that thread under ~2% of the server's CPU in the measured run once the runner has also let it
    /// finish idle (<see cref="LoadOptions.WarmupSettleLimit"/>): intake 10,000 orders (5,000 left 4.4%; none 12.8%), flash-sale
    /// 50,000 attempts (20,000 left 9–13%), webhook-storm 30,000 deliveries (10,000 left 7.8–12.9% in the twelfth session's
    /// runs, 30,000 left 2.0–3.5%), http-floor 5,000 GETs (little code). Holds: none (see <c>HoldsScenario</c>).
    /// </summary>
    private static int DefaultWarmup(string scenario) => scenario switch
    {
        "intake" => 10_000,
        "webhook-storm" => 30_000,
        "flash-sale" => 50_000,
        "http-floor" or "http-floor-auth" => 5_000,
        _ => 0,
    };
}

using OrderActors.Bench.Baseline;
using OrderActors.Bench.Calls;
using OrderActors.Bench.InProcess;
using OrderActors.Bench.Load;

namespace OrderActors.Bench;

/// <summary>Benchmarks print figures with their baseline beside them; they are never timed unit tests.</summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var scenario = args.Length > 0 ? args[0] : "help";
        var options = new BenchArgs(args);
        return scenario switch
        {
            "storage" => await StorageAppendBenchmark.RunAsync(options),
            "calls" => await CallBenchmark.RunAsync(options),
            "intake" or "flash-sale" or "holds" or "webhook-storm" or "http-floor" or "http-floor-auth" => await LoadCommand.RunAsync(scenario, options),
            "grain-intake" or "grain-flash-sale" => await GrainLoadBenchmark.RunAsync(scenario, options),
            "grain-memory" => await GrainMemoryBenchmark.RunAsync(options),
            "grain-reservations" => await ReservationBenchmark.RunAsync(options),
            "index-rebuild" => await IndexRebuildBenchmark.RunAsync(options),
            "baseline-server" => await BaselineServer.RunAsync(options),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage: dotnet run -c Release --project bench/OrderActors.Bench -- <scenario> [options]
              storage         durable appends/s, group commit vs one transaction per append
                              --providers sqlite,postgres  --writers 64  --seconds 5  --postgres <connection string>
              calls           in-memory grain calls/s against plain-object and channel-actor baselines
                              --grains 1000  --callers 256  --window 16  --seconds 3
              intake          own-store orders of 1-3 lines over 1,000 SKUs, then payment
              flash-sale      one SKU with --units 10000, --requests 100000 checkout attempts
              holds           --requests unpaid orders with a --hold 00:00:30 payment hold, expiring while orders arrive
              http-floor      GET /health/live only: the HTTP ceiling of this machine with the generator beside the server
              webhook-storm   Shopify webhooks, --redeliver 0.2 redeliveries, --bad 0.05 bad signatures
                load options: --target actors|baseline|both (intake, flash-sale: both)  --provider sqlite|postgres|memory
                              --postgres <admin connection string>  --requests N  --concurrency 64  [--rate N/s]  --max-seconds 600
                              --crash (SIGKILL the server half-way, restart it, finish, check)  --no-resend (webhook-storm --crash: no retry, the ledger repair instead)  --json <report file>
                              --warmup N: operations on keys of their own before the measured run, then idle until
                              the server's tier-1 JIT is quiet (at most 15 s); in no figure (defaults: intake and
                              webhook-storm 10000, flash-sale 50000, http-floor 5000, holds 0: none)
                              --warmup-seconds 60: the warm-up stops sending after this long
                              --warmup-settle-seconds 15: the longest idle wait for the JIT after it
              grain-intake, grain-flash-sale
                              the same work straight on the grains in this process (no HTTP), per storage provider
                              --providers memory,sqlite,postgres  --requests 5000  --concurrency 64
              grain-memory    bytes per activation (bare grain, unpaid order, customer, SKU with closed holdings) after a
                              full GC, per storage provider
                              --providers memory,sqlite,postgres  --grains 20000  --skus 1000
                              --sku-grains 100 --closed 1000: SKUs given that many closed holdings each (0: skip)
                              --collector 1000000: instead, the idle collector's cost with that many resident activations
              grain-reservations
                              one SKU, many buyers reserving one unit straight on the SKU grain vs one SQL transaction each
                              --providers sqlite,postgres  --requests 100000  --units <requests>  --concurrency 256
              index-rebuild   a lost SQLite query index written again from the journals (RebuildIndex=true): --orders
                              intake orders placed and paid on the grains, the index file deleted, the next start timed
                              until the index is whole, then checked (every order Paid, every customer listed)
                              --orders 100000  --concurrency 64  --skus 1000
              baseline-server the plain-SQL order service the load scenarios compare against
                              --urls http://127.0.0.1:5099  --provider sqlite|postgres|memory  --connection <string>
            """);
        return 2;
    }
}

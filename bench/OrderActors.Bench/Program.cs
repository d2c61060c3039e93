using OrderActors.Bench;

// Benchmarks print figures with their baseline beside them; they are never timed unit tests.
var scenario = args.Length > 0 ? args[0] : "help";
var options = new BenchArgs(args);
return scenario switch
{
    "storage" => await StorageAppendBenchmark.RunAsync(options),
    "calls" => await GrainCallBenchmark.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project bench/OrderActors.Bench -- <scenario> [options]
          storage   durable appends/s, group commit vs one transaction per append
                    --providers sqlite,postgres  --writers 64  --seconds 5  --postgres <connection string>
          calls     in-memory grain calls/s through the runtime vs a locked object
                    --callers 256  --grains 10000  --seconds 5
        """);
    return 2;
}

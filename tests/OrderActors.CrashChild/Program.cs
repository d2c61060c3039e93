using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.Runtime;
using OrderActors.Runtime.Storage;

// The crash-test child: appends to many grains under load through the group-committing provider and prints
// "ack <grain key> <version>" for every append the provider acknowledged, flushing each line, until it is killed.
// Usage: OrderActors.CrashChild <sqlite|postgres> <connection string> [workers]
if (args.Length < 2)
{
    await Console.Error.WriteLineAsync("usage: OrderActors.CrashChild <sqlite|postgres> <connection string> [workers]");
    return 2;
}

var workers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 48;
// SQLite's query index is written from the log only when a query asks (no query comes): the kill then always finds
// the index file behind, and the reopened database must write it from the log (SqliteIndexStore.CatchUp).
var options = new StorageOptions { Provider = args[0], ConnectionString = args[1], IndexLinger = TimeSpan.FromMinutes(10) };
var storage = StorageProviderFactory.Create(options, TimeProvider.System, NullLoggerFactory.Instance);
await storage.InitializeAsync(CancellationToken.None);
var output = Console.Out;
var gate = new Lock();
output.WriteLine("ready");
output.Flush();

var padding = new string('x', 160);
await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
{
    // Each worker owns two grains and alternates between them, so batches mix many grains.
    var keys = new[] { $"g-{worker:D3}-a", $"g-{worker:D3}-b" };
    var versions = new long[2];
    for (var turn = 0; ; turn++)
    {
        var slot = turn % 2;
        var key = keys[slot];
        var grain = new GrainId("crash", key);
        var count = 1 + (turn % 3);
        var events = Enumerable.Range(1, count).Select(i =>
        {
            var version = versions[slot] + i;
            return new EventRecord("Appended", $$"""{"grain":"{{key}}","version":{{version}},"padding":"{{padding}}"}""", "crash-child", TimeProvider.System.GetUtcNow());
        }).ToList();
        var newVersion = versions[slot] + count;
        var request = new AppendRequest(grain, versions[slot], events)
        {
            Snapshot = newVersion % 10 < count ? new SnapshotRecord(newVersion, $$"""{"grain":"{{key}}","version":{{newVersion}}}""", TimeProvider.System.GetUtcNow()) : null,
            Index = [new IndexEntry("version", IndexValues.Number(newVersion)), new IndexEntry("worker", worker.ToString(CultureInfo.InvariantCulture))],
        };
        var result = await storage.AppendAsync(request, CancellationToken.None);
        versions[slot] = result.Version;
        lock (gate)
        {
            output.WriteLine($"ack {key} {result.Version}");
            output.Flush();
        }
    }
})));
return 0;

#:project ../../OrderActors.Bench/OrderActors.Bench.csproj
#:property PublishAot=false

// Which types the in-process grain benchmark allocates, by bytes: the runtime's AllocationTick events (one per ~100 KB
// allocated, naming the type whose allocation crossed the mark) counted per type, so a type's share of the ticks is its
// share of the bytes. usage (from the repository root):
//   dotnet run bench/profile/alloc-types/alloc-types.cs -- grain-intake --providers memory --requests 30000
using System.Diagnostics.Tracing;
using OrderActors.Bench;
using OrderActors.Bench.InProcess;

using var listener = new AllocationListener();
await GrainLoadBenchmark.RunAsync(args[0], new BenchArgs(args[1..]));
var gc = GC.GetGCMemoryInfo();
Console.WriteLine($"\nGCs gen0/1/2: {GC.CollectionCount(0):N0}/{GC.CollectionCount(1):N0}/{GC.CollectionCount(2):N0}, pauses {GC.GetTotalPauseDuration().TotalMilliseconds:N0} ms in all, "
    + $"{GC.GetTotalAllocatedBytes() / 1048576.0:N0} MiB allocated, server GC {System.Runtime.GCSettings.IsServerGC}, gen0 budget (last GC's generation 0 size after) {gc.GenerationInfo[0].SizeAfterBytes / 1024.0:N0} KiB");
listener.Print(40);

internal sealed class AllocationListener : EventListener
{
    private readonly Dictionary<string, long> _ticks = [];
    private long _total;

    public void Print(int top)
    {
        lock (_ticks)
        {
            Console.WriteLine($"\nallocation ticks: {_total:N0} (~100 KB each); types by share of allocated bytes");
            foreach (var (type, count) in _ticks.OrderByDescending(p => p.Value).Take(top))
            {
                Console.WriteLine($"{100.0 * count / _total,6:F2}%  {type}");
            }
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick is verbose
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        var index = eventData.PayloadNames!.IndexOf("TypeName");
        var type = index >= 0 ? eventData.Payload[index]?.ToString() ?? "?" : "?";
        lock (_ticks)
        {
            _ticks[type] = _ticks.GetValueOrDefault(type) + 1;
            _total++;
        }
    }
}

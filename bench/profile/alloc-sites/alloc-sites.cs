#:package Microsoft.Diagnostics.Tracing.TraceEvent@3.1.21
#:property ManagePackageVersionsCentrally=false
#:property PublishAot=false

// Where allocations come from, by call site: reads a nettrace with the runtime's AllocationTick events (one per ~100 KB
// allocated, with the stack of the allocation that crossed the mark) and counts them by type, by the leaf-most frame of
// our own code (OrderActors.*), and by (type, that frame). A site's share of the ticks is its share of the bytes.
// Record (from the repository root; the Jit and Loader keywords let the method names resolve):
//   /tmp/dotnet-trace-tool/dotnet-trace collect --providers Microsoft-Windows-DotNETRuntime:0x19:5 -o /tmp/a.nettrace \
//     -- dotnet bench/OrderActors.Bench/bin/Release/net10.0/OrderActors.Bench.dll grain-intake --providers memory --requests 20000
//   (or -p <silo pid> --duration 00:00:00:20 for the silo under an HTTP load)
// Summarise:  dotnet run bench/profile/alloc-sites/alloc-sites.cs -- /tmp/a.nettrace [top=40] [frames=4] [pid]
using Microsoft.Diagnostics.Tracing.Etlx;

var path = args[0];
var top = args.Length > 1 ? int.Parse(args[1]) : 40;
var depth = args.Length > 2 ? int.Parse(args[2]) : 4;
int? onlyPid = args.Length > 3 ? int.Parse(args[3]) : null;
var etlx = TraceLog.CreateFromEventPipeDataFile(path);
using var log = new TraceLog(etlx);
var source = log.Events.GetSource();
var byType = new Dictionary<string, long>();
var bySite = new Dictionary<string, long>();
var byTypeSite = new Dictionary<string, long>();
var byChain = new Dictionary<string, long>();
long total = 0;
source.Clr.GCAllocationTick += e =>
{
    if (onlyPid is { } p && e.ProcessID != p)
    {
        return;
    }

    total++;
    var type = e.TypeName ?? "?";
    Add(byType, type);
    var stack = e.CallStack();
    string? site = null;
    var chain = new List<string>();
    for (var frame = stack; frame is not null && (site is null || chain.Count < depth); frame = frame.Caller)
    {
        var name = frame.CodeAddress.FullMethodName;
        if (string.IsNullOrEmpty(name))
        {
            continue;
        }

        if (site is null && name.StartsWith("OrderActors.", StringComparison.Ordinal))
        {
            site = name;
        }

        if (chain.Count < depth)
        {
            chain.Add(Short(name));
        }
    }

    site ??= "(no OrderActors frame) " + (chain.Count > 0 ? chain[0] : "?");
    Add(bySite, site);
    Add(byTypeSite, type + "  <-  " + site);
    Add(byChain, type + "  <-  " + string.Join(" <- ", chain));
};
source.Process();

Print("types", byType);
Print("leaf-most OrderActors frame", bySite);
Print("type <- leaf-most OrderActors frame", byTypeSite);
Print($"type <- first {depth} resolved frames", byChain);

void Add(Dictionary<string, long> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

static string Short(string name)
{
    var paren = name.IndexOf('(');
    return paren > 0 ? name[..paren] : name;
}

void Print(string title, Dictionary<string, long> counts)
{
    Console.WriteLine($"\n== {title} ({total:N0} ticks of ~100 KB)");
    foreach (var (key, count) in counts.OrderByDescending(p => p.Value).Take(top))
    {
        Console.WriteLine($"{100.0 * count / total,6:F2}%  {key}");
    }
}

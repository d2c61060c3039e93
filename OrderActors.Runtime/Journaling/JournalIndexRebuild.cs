using System.Reflection;
using Microsoft.Extensions.Logging;
using OrderActors.Runtime.Core;
using OrderActors.Runtime.Storage;

namespace OrderActors.Runtime.Journaling;

/// <summary>
/// Writes every indexed grain's query index again from its journal (<see cref="StorageOptions.RebuildIndex"/>): each
/// grain of a type whose state is <see cref="IIndexedState"/> is replayed from storage, without activating it, and its
/// entries are stored with an append of no events. Runs at start, before the runtime takes calls.
/// </summary>
internal static partial class JournalIndexRebuild
{
    private const int PageSize = 500;
    /// <summary>
    /// Grains written at once. Their appends share the writer's commits: at 16, 8.8 appends a commit and 20,000 grains/s;
    /// at 64, 31 a commit and 31,000 grains/s, at two-thirds of the CPU per grain (docs/benchmarks.md, index-rebuild).
    /// </summary>
    private const int Parallelism = 64;

    public static async Task<long> RunAsync(IStorageProvider storage, IEnumerable<GrainClassInfo> classes, ILogger logger, CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var (grainType, indexOf) in IndexedTypes(classes))
        {
            LogStarted(logger, grainType);
            long done = 0;
            string? after = null;
            while (true)
            {
                var keys = await storage.ListGrainKeysAsync(grainType, after, PageSize, cancellationToken).ConfigureAwait(false);
                await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (key, ct) =>
                {
                    var id = new GrainId(grainType, key);
                    var load = await storage.LoadAsync(id, ct).ConfigureAwait(false);
                    await storage.AppendAsync(new AppendRequest(id, load.Version, []) { Index = indexOf(id, load) }, ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
                done += keys.Count;
                LogProgress(logger, grainType, done);
                if (keys.Count < PageSize)
                {
                    break;
                }

                after = keys[^1];
            }

            total += done;
        }

        return total;
    }

    /// <summary>The grain types whose journal state is indexed, each with how its entries are computed from a load.</summary>
    private static IEnumerable<(string GrainType, Func<GrainId, JournalLoad, IReadOnlyList<IndexEntry>> IndexOf)> IndexedTypes(IEnumerable<GrainClassInfo> classes)
    {
        foreach (var info in classes.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var stateType = info.JournalType?.GetGenericArguments()[0];
            if (stateType is null || !typeof(IIndexedState).IsAssignableFrom(stateType))
            {
                continue;
            }

            var method = typeof(Journal<>).MakeGenericType(stateType).GetMethod(nameof(Journal<>.IndexOf), BindingFlags.NonPublic | BindingFlags.Static)!;
            yield return (info.Name, method.CreateDelegate<Func<GrainId, JournalLoad, IReadOnlyList<IndexEntry>>>());
        }
    }

    [LoggerMessage(EventId = 4120, Level = LogLevel.Warning, Message = "Rebuilding the query index of every {GrainType} grain from its journal")]
    private static partial void LogStarted(ILogger logger, string grainType);

    [LoggerMessage(EventId = 4121, Level = LogLevel.Information, Message = "Query index rebuild: {Done} {GrainType} grains written")]
    private static partial void LogProgress(ILogger logger, string grainType, long done);
}

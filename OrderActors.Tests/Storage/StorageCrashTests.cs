using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.Runtime;
using OrderActors.Runtime.Storage;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Storage;

/// <summary>
/// Kill a process with SIGKILL while it group-commits appends, then reopen the database: every acknowledged append
/// is there, and nothing half-written is.
/// </summary>
public sealed class StorageCrashTests
{
    private const int KillAfterAcks = 3000;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task AppendAsync_ProcessKilledUnderLoad_EveryAcknowledgedAppendSurvivesAndJournalsAreWhole(string provider)
    {
        var options = await TestDatabases.CreateAsync(provider, "crash");

        var acks = await CrashChildProcess.RunAndKillAsync(options.Provider, options.ConnectionString!, KillAfterAcks);
        await using var storage = StorageProviderFactory.Create(options, TimeProvider.System, NullLoggerFactory.Instance);
        await storage.InitializeAsync(CancellationToken.None);

        Assert.True(acks.Count >= KillAfterAcks);
        var acknowledged = acks.GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.Max(a => a.Version));
        var keys = await storage.ListGrainKeysAsync("crash", null, 10_000, CancellationToken.None);
        Assert.Superset(acknowledged.Keys.ToHashSet(), keys.ToHashSet());
        // Every grain's index is its last stored append's, though SQLite writes the index after the commit (it is
        // written again at start from the log the append committed with).
        var index = (await storage.QueryIndexAsync(new IndexQuery("crash", []) { Limit = 1000 }, CancellationToken.None))
            .ToDictionary(g => g.GrainKey, g => g.Entries["version"]);
        long eventCount = 0;
        foreach (var key in keys)
        {
            var grain = new GrainId("crash", key);
            var events = await storage.ReadEventsAsync(grain, 0, int.MaxValue, CancellationToken.None);
            eventCount += events.Count;
            Assert.Equal(Enumerable.Range(1, events.Count).Select(v => (long)v), events.Select(e => e.Version));
            Assert.True(events.Count >= acknowledged.GetValueOrDefault(key), $"{key}: acknowledged version {acknowledged.GetValueOrDefault(key)} but only {events.Count} events survived.");
            Assert.Equal(IndexValues.Number(events.Count), index.GetValueOrDefault(key));
            foreach (var e in events)
            {
                using var json = JsonDocument.Parse(e.Data);
                Assert.Equal(key, json.RootElement.GetProperty("grain").GetString());
                Assert.Equal(e.Version, json.RootElement.GetProperty("version").GetInt64());
            }

            var load = await storage.LoadAsync(grain, CancellationToken.None);
            Assert.Equal(events.Count, load.Version);
            if (load.Snapshot is { } snapshot)
            {
                using var json = JsonDocument.Parse(snapshot.Data);
                Assert.Equal(snapshot.Version, json.RootElement.GetProperty("version").GetInt64());
            }

            // The head agrees with the events: an append expecting the last event's version is accepted.
            var next = await storage.AppendAsync(
                new AppendRequest(grain, events.Count, [new EventRecord("AfterCrash", "{}", "test", TimeProvider.System.GetUtcNow())]),
                CancellationToken.None);
            Assert.Equal(events.Count + 1, next.Version);
        }

        var feed = await storage.ReadFeedAsync(0, int.MaxValue, CancellationToken.None);
        Assert.Equal(eventCount + keys.Count, feed.Count);
    }
}

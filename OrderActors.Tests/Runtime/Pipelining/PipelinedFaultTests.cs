using OrderActors.Runtime.Testing;
using OrderActors.Tests.Runtime.Faults;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime.Pipelining;

/// <summary>What the pipelining tests with storage faults share: a cluster whose storage the test can fail or hold, and a fresh tally grain.</summary>
public abstract class PipelinedFaultTests
{
    protected TestProbe Probe { get; } = new();

    protected StorageFaults Faults { get; } = new();

    public static TheoryData<string> Providers => new() { "memory", "sqlite" };

    protected Task<TestCluster> StartAsync(string provider) =>
        RuntimeTestCluster.StartAsync(provider, Probe, services: Faults.Install);

    protected static async Task<(string Key, IPipelinedTallyGrain Grain)> NewGrainAsync(TestCluster cluster)
    {
        var key = $"pipe-{Guid.NewGuid():N}";
        var grain = cluster.GetGrain<IPipelinedTallyGrain>(key);
        await grain.GetAsync();
        return (key, grain);
    }

    protected static Task WaitForQueueAsync(TestCluster cluster, string key, int length) =>
        Eventually.WaitUntilAsync(
            () => cluster.Inspector.ListActivations("pipetally", 1000).Any(a => a.GrainId.Key == key && a.QueueLength >= length),
            $"{length} calls queued on {key}");
}

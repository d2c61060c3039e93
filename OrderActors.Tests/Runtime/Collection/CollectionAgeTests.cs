using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderActors.Runtime;
using OrderActors.Runtime.Core;
using OrderActors.Runtime.Hosting;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Runtime.Grains;

namespace OrderActors.Tests.Runtime.Collection;

public sealed class CollectionAgeTests
{
    private readonly TestProbe _probe = new();

    [Theory]
    [MemberData(nameof(RuntimeTestCluster.Providers), MemberType = typeof(RuntimeTestCluster))]
    public async Task Collector_ClassWithCollectionAgeLimit_CollectsItBeforeTheDefaultAgeAndItReactivatesWithState(string provider)
    {
        await using var cluster = await StartAsync(provider);
        var key = $"k-{Guid.NewGuid():N}";
        await cluster.GetGrain<IBriefGrain>(key).AddAsync(7);
        await cluster.GetGrain<ITallyGrain>(key).AddAsync(1);

        cluster.Time.Advance(TimeSpan.FromMinutes(3));
        await Eventually.WaitUntilAsync(() => !IsResident(cluster, "brief", key), "brief grain collected");
        var tallyResident = IsResident(cluster, "tally", key);
        var reloaded = await cluster.GetGrain<IBriefGrain>(key).GetAsync();
        var activation = await cluster.GetGrain<IBriefGrain>(key).GetActivationNumberAsync();

        Assert.True(tallyResident);
        Assert.Equal(new TallyView(7, 1, 1), reloaded);
        Assert.Equal(2, activation);
    }

    [Fact]
    public async Task Collector_CollectionAgeByTypeConfigured_OverridesTheAttributeAndTheDefault()
    {
        await using var cluster = await StartAsync("memory", o =>
        {
            o.CollectionAgeByType["brief"] = TimeSpan.FromMinutes(20);
            o.CollectionAgeByType["tally"] = TimeSpan.FromMinutes(1);
        });
        var key = $"k-{Guid.NewGuid():N}";
        await cluster.GetGrain<IBriefGrain>(key).AddAsync(7);
        await cluster.GetGrain<ITallyGrain>(key).AddAsync(1);

        cluster.Time.Advance(TimeSpan.FromMinutes(3));
        await Eventually.WaitUntilAsync(() => !IsResident(cluster, "tally", key), "tally grain collected after its configured minute");

        Assert.True(IsResident(cluster, "brief", key));
    }

    [Fact]
    public async Task Start_CollectionAgeByTypeNamesUnknownType_FailsNamingIt()
    {
        var start = RuntimeTestCluster.StartAsync(_probe, configure: o => o.CollectionAgeByType["no-such-grain"] = TimeSpan.FromMinutes(1));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => start);

        Assert.Contains("CollectionAgeByType:no-such-grain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOrderActorsRuntime_RuntimeSectionInConfiguration_BindsCollectionAgesAndReadsTheAttribute()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OrderActors:Runtime:CollectionAge"] = "00:05:00",
            ["OrderActors:Runtime:CollectionInterval"] = "00:00:45",
            ["OrderActors:Runtime:CollectionAgeByType:tally"] = "00:01:30",
        }).Build();
        var services = new ServiceCollection();
        services.AddOrderActorsRuntime(configuration, typeof(BriefGrain).Assembly);

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<RuntimeOptions>>().Value;
        var registry = provider.GetRequiredService<GrainTypeRegistry>();

        Assert.Equal(TimeSpan.FromMinutes(5), options.CollectionAge);
        Assert.Equal(TimeSpan.FromSeconds(45), options.CollectionInterval);
        Assert.Equal(TimeSpan.FromSeconds(90), options.CollectionAgeByType["tally"]);
        Assert.Equal(TimeSpan.FromMinutes(2), registry.GetByName("brief").CollectionAge);
        Assert.Null(registry.GetByName("tally").CollectionAge);
    }

    internal static bool IsResident(TestCluster cluster, string grainType, string key) =>
        cluster.Inspector.ListActivations(grainType, int.MaxValue).Any(a => a.GrainId.Key == key);

    private Task<TestCluster> StartAsync(string provider, Action<RuntimeOptions>? configure = null) =>
        RuntimeTestCluster.StartAsync(provider, _probe, o =>
        {
            o.CollectionAge = TimeSpan.FromMinutes(10);
            o.CollectionInterval = TimeSpan.FromMinutes(1);
            configure?.Invoke(o);
        });
}

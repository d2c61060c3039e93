using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Grains;
using OrderActors.Grains.Ledger;
using OrderActors.Grains.Stock;
using OrderActors.Runtime;
using OrderActors.Runtime.Journaling;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Domain.Stock;

/// <summary>Starts a test cluster with the domain's grains over the given storage (<c>memory</c>, <c>sqlite</c> or <c>postgres</c>).</summary>
internal static class StockTestCluster
{
    public static readonly DateTimeOffset Start = new(2026, 11, 11, 0, 0, 0, TimeSpan.Zero);

    public static async Task<TestCluster> StartAsync(string provider)
    {
        var options = new TestClusterOptions
        {
            StartTime = Start,
            ConfigureServices = services =>
            {
                services.AddOrderActorsGrains(new ConfigurationBuilder().Build());
                services.AddSingleton<LedgerChecker>();
            },
        };
        if (provider != "memory")
        {
            options.Storage = await TestDatabases.CreateAsync(provider, "stock");
        }

        options.GrainAssemblies.Add(typeof(SkuStockGrain).Assembly);
        return await TestCluster.StartAsync(options);
    }

    public static ISkuStockGrain Stock(this TestCluster cluster, string sku) => cluster.GetGrain<ISkuStockGrain>(sku);

    /// <summary>The events of one grain from the change feed, deserialized, oldest first.</summary>
    public static async Task<List<(string Type, object Event)>> FeedOfAsync(this TestCluster cluster, GrainId grainId)
    {
        var result = new List<(string, object)>();
        long after = 0;
        while (true)
        {
            var page = await cluster.Storage.ReadFeedAsync(after, 1000, CancellationToken.None);
            foreach (var stored in page.Where(e => e.GrainId == grainId))
            {
                var type = JournalEventRegistry.GetType(stored.EventType, typeof(SkuStockState));
                result.Add((stored.EventType, JsonSerializer.Deserialize(stored.Data, type, JournalJson.Options)!));
            }

            if (page.Count < 1000)
            {
                return result;
            }

            after = page[^1].Position;
        }
    }

    public static GrainId SkuId(string sku) => new(SkuStockGrain.GrainTypeName, sku);
}

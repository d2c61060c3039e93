using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Grains;
using OrderActors.Grains.Orders;
using OrderActors.Grains.Rules;
using OrderActors.Grains.Stock;
using OrderActors.Runtime;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Domain.Orders;

/// <summary>A test cluster with the domain grains over the named storage (<c>memory</c>, <c>sqlite</c>, <c>postgres</c>), and shorthands for orders and stock.</summary>
internal sealed class OrderCluster : IAsyncDisposable
{
    private OrderCluster(TestCluster cluster) => Cluster = cluster;

    public TestCluster Cluster { get; }

    public IRulesGrain Rules => Cluster.GetGrain<IRulesGrain>(RuleBook.DefaultKey);

    /// <param name="provider">Storage: <c>memory</c>, <c>sqlite</c> or <c>postgres</c>.</param>
    /// <param name="runtime">Runtime options to change.</param>
    /// <param name="services">More service registrations after the grains' (e.g. storage faults).</param>
    public static async Task<OrderCluster> StartAsync(string provider = "memory", Action<RuntimeOptions>? runtime = null, Action<IServiceCollection>? services = null)
    {
        var storage = provider == "memory" ? new StorageOptions { Provider = "memory" } : await TestDatabases.CreateAsync(provider, "orders");
        var options = new TestClusterOptions
        {
            Storage = storage,
            StartTime = OrderSamples.T0,
            ConfigureServices = registrations =>
            {
                registrations.AddOrderActorsGrains(new ConfigurationBuilder().Build());
                services?.Invoke(registrations);
            },
            ConfigureRuntime = runtime,
        };
        options.GrainAssemblies.Add(typeof(OrderGrain).Assembly);
        return new OrderCluster(await TestCluster.StartAsync(options));
    }

    public IOrderGrain Order(string id) => Cluster.GetGrain<IOrderGrain>(id);

    public IOrderGrain Order(PlaceOrder order) => Order(OrderKeys.For(order.Channel, order.ExternalOrderNo));

    public ISkuStockGrain Stock(string sku) => Cluster.GetGrain<ISkuStockGrain>(sku);

    public Task<OrderView> PlaceAsync(PlaceOrder order) => Order(order).PlaceAsync(order);

    public async Task ReceiveAsync(string sku, int quantity, string warehouse = "SZ") =>
        await Stock(sku).ReceiveAsync(new StockReceipt(warehouse, quantity, "test"));

    public async Task<StockView> StockAsync(string sku) => await Stock(sku).GetAsync();

    /// <summary>An order's version, or 0 when it was never placed (the grain then has no journal).</summary>
    public async Task<long> VersionAsync(string id)
    {
        try
        {
            return (await Order(id).GetAsync()).Version;
        }
        catch (DomainException e) when (e.Code == OrderErrors.NotFound)
        {
            return 0;
        }
    }

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}

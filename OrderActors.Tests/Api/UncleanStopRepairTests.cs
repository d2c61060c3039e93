using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrderActors.Client.Contracts;
using OrderActors.Grains.Customers;
using OrderActors.Runtime;
using OrderActors.Runtime.Hosting;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;
using OrderActors.Tests.Runtime;
using static OrderActors.Tests.Api.ApiTestHostExtensions;

namespace OrderActors.Tests.Api;

/// <summary>
/// A placement records its order with the customer before the order's own append; a kill in between leaves the customer
/// counting an order that does not exist. The next start finds the run marker left "running" and has the customers that
/// ordered around the kill ask their orders whether they were stored. Through the real silo over a real database; the
/// kill is what a SIGKILL leaves on disk (the marker as it was while the silo ran), as an in-process host cannot be killed.
/// </summary>
public sealed class UncleanStopRepairTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly string Phone = PhoneNumbers.Normalize("13812345678");

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Start_AfterAKillLeftACustomerCountingAnOrderNeverStored_TheCustomerForgetsItAndKeepsTheRealOrder(string provider)
    {
        var clock = new ManualTimeProvider(T0);
        var first = new ApiTestHost(await TestDatabases.CreateAsync(provider, "unclean"), clock);
        await PlaceRealOrderAsync(first, "R1");
        await RecordNeverStoredAsync(first, "own-P1", clock);
        await KillAsync(first);
        clock.Advance(TimeSpan.FromMinutes(10));

        await using var second = first.Restart();
        var run = await RecoveredAsync(second);
        var customer = await CustomerAsync(second);

        Assert.Equal(T0, run.UncleanStopFound?.LastHeartbeatAt);
        Assert.Equal(["own-R1"], customer.OrderIds);
        Assert.Equal(20m, customer.TotalSpend);
        Assert.Equal("customer.order_forgotten", customer.LastEventType);
        Assert.Equal(HttpStatusCode.OK, (await second.Admin().GetAsync("/api/orders/own-R1")).StatusCode);
        Assert.Equal([("customer-spend", 2, 1, 0)], run.Reports.Select(r => (r.Recovery, r.Examined, r.Repaired, r.Failed)));
        Assert.Empty(run.Pending);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Start_AfterACleanStop_AsksNoCustomer(string provider)
    {
        var clock = new ManualTimeProvider(T0);
        var first = new ApiTestHost(await TestDatabases.CreateAsync(provider, "unclean"), clock);
        await PlaceRealOrderAsync(first, "R1");
        // The recording a kill would leave, planted: a clean stop leaves no repair to do, so it is not looked at.
        await RecordNeverStoredAsync(first, "own-P1", clock);
        var before = await CustomerAsync(first);
        await first.DisposeAsync();
        clock.Advance(TimeSpan.FromMinutes(10));

        await using var second = first.Restart();
        var run = await RecoveredAsync(second);
        var after = await CustomerAsync(second);

        Assert.Null(run.UncleanStopFound);
        Assert.Empty(run.Reports);
        Assert.Empty(run.Pending);
        Assert.Equal(["own-R1", "own-P1"], after.OrderIds);
        Assert.Equal(before.LastVersion, after.LastVersion);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Start_AfterAKillThatLeftNoOrderNeverStored_ChangesNothing(string provider)
    {
        var clock = new ManualTimeProvider(T0);
        var first = new ApiTestHost(await TestDatabases.CreateAsync(provider, "unclean"), clock);
        await PlaceRealOrderAsync(first, "R1");
        var before = await CustomerAsync(first);
        await KillAsync(first);
        clock.Advance(TimeSpan.FromMinutes(10));

        await using var second = first.Restart();
        var run = await RecoveredAsync(second);
        var after = await CustomerAsync(second);

        Assert.NotNull(run.UncleanStopFound);
        Assert.Equal([("customer-spend", 1, 0, 0)], run.Reports.Select(r => (r.Recovery, r.Examined, r.Repaired, r.Failed)));
        Assert.Equal(["own-R1"], after.OrderIds);
        Assert.Equal(20m, after.TotalSpend);
        Assert.Equal(before.LastVersion, after.LastVersion);
    }

    /// <summary>
    /// The silo after the kill is killed in turn while its repair runs: the stop is still in the marker, so the next start
    /// repairs it again (and its own), and the second repair finds the work done.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Start_AfterASecondKillDuringTheRepair_RepeatsItSafely(string provider)
    {
        var clock = new ManualTimeProvider(T0);
        var first = new ApiTestHost(await TestDatabases.CreateAsync(provider, "unclean"), clock);
        await PlaceRealOrderAsync(first, "R1");
        await RecordNeverStoredAsync(first, "own-P1", clock);
        await KillAsync(first);
        clock.Advance(TimeSpan.FromMinutes(10));
        var blocking = new BlockingRecovery();
        var second = new ApiTestHost(first.Storage, clock, services: s => s.AddSingleton<IUncleanStopRecovery>(blocking));
        var firstStop = second.Services.GetRequiredService<SiloRun>().UncleanStopFound;
        await blocking.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var repairedOnce = await CustomerAsync(second);
        await KillAsync(second);
        clock.Advance(TimeSpan.FromMinutes(10));

        await using var third = new ApiTestHost(first.Storage, clock);
        var run = await RecoveredAsync(third);
        var after = await CustomerAsync(third);

        Assert.Equal(["own-R1"], repairedOnce.OrderIds);
        Assert.Equal([firstStop, run.UncleanStopFound], run.Reports.Select(r => r.Stop));
        Assert.Equal([(1, 0, 0), (0, 0, 0)], run.Reports.Select(r => (r.Examined, r.Repaired, r.Failed)));
        Assert.Equal(["own-R1"], after.OrderIds);
        Assert.Equal(20m, after.TotalSpend);
        Assert.Equal(repairedOnce.LastVersion, after.LastVersion);
        Assert.Empty(run.Pending);
    }

    /// <summary>The window is placed around the last heartbeat the killed silo wrote, not around its start.</summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Start_AfterAKill_PlacesTheWindowAroundTheLastHeartbeat(string provider)
    {
        var clock = new ManualTimeProvider(T0);
        var first = new ApiTestHost(await TestDatabases.CreateAsync(provider, "unclean"), clock);
        var documents = first.Services.GetRequiredService<IDocumentStore>();
        clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.WaitUntilAsync(async () => await HeartbeatAsync(documents) > T0, "a heartbeat after the start is written");
        var lastHeartbeat = (await HeartbeatAsync(documents))!.Value;
        await KillAsync(first);
        clock.Advance(TimeSpan.FromMinutes(10));

        await using var second = first.Restart();
        var run = await RecoveredAsync(second);

        var callTimeout = second.Services.GetRequiredService<IOptions<RuntimeOptions>>().Value.CallTimeout;
        Assert.Equal(
            new UncleanStop(run.UncleanStopFound!.SiloId, lastHeartbeat, lastHeartbeat - callTimeout - TimeSpan.FromSeconds(10), lastHeartbeat + TimeSpan.FromSeconds(5 + 10)),
            run.UncleanStopFound);
        Assert.InRange(lastHeartbeat, T0.AddSeconds(5), T0.AddMinutes(1));
        Assert.Equal(clock.GetUtcNow(), await HeartbeatAsync(second.Services.GetRequiredService<IDocumentStore>()));
    }

    private static async Task<DateTimeOffset?> HeartbeatAsync(IDocumentStore documents)
    {
        var marker = await documents.GetDocumentAsync(SiloRun.Collection, SiloRun.Key, CancellationToken.None);
        if (marker is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(marker.Data);
        return json.RootElement.GetProperty("heartbeatAt").GetDateTimeOffset();
    }

    private static async Task PlaceRealOrderAsync(ApiTestHost host, string externalNo)
    {
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 10);
        (await admin.PostAsJsonAsync("/api/orders", Checkout(externalNo, quantity: 1, unitPrice: 20m))).EnsureSuccessStatusCode();
    }

    /// <summary>What a kill between the customer's recording and the order's append leaves: the recording, no order.</summary>
    private static Task RecordNeverStoredAsync(ApiTestHost host, string orderId, TimeProvider clock) =>
        host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICustomerGrain>(Phone).RecordOrderAsync(new CustomerOrder(
            orderId, "own", "张三", new CustomerAddress("浙江省", "杭州市", "西湖区", "文三路 100 号"), [new CustomerOrderItem("SKU-1", 1)], 30m, clock.GetUtcNow(), "test"));

    /// <summary>
    /// Leaves on disk what a SIGKILL of <paramref name="host"/> would: every acknowledged write (they are durable before
    /// they are answered) and the run marker as it was while the silo ran. The host is stopped (cleanly: it cannot be
    /// killed in-process), then its marker is put back.
    /// </summary>
    private static async Task KillAsync(ApiTestHost host)
    {
        var atKill = await host.Services.GetRequiredService<IDocumentStore>().GetDocumentAsync(SiloRun.Collection, SiloRun.Key, CancellationToken.None);
        Assert.NotNull(atKill);
        await host.DisposeAsync();
        await using var storage = StorageProviderFactory.Create(host.Storage, TimeProvider.System, NullLoggerFactory.Instance);
        await storage.InitializeAsync(CancellationToken.None);
        var stopped = await storage.GetDocumentAsync(SiloRun.Collection, SiloRun.Key, CancellationToken.None);
        Assert.NotNull(await storage.TryPutDocumentAsync(SiloRun.Collection, SiloRun.Key, atKill.Data, stopped!.Version, CancellationToken.None));
    }

    private static async Task<SiloRun> RecoveredAsync(ApiTestHost host)
    {
        var run = host.Services.GetRequiredService<SiloRun>();
        await run.Recovered.WaitAsync(TimeSpan.FromSeconds(30));
        return run;
    }

    /// <summary>The customer as the admin API shows it (state and latest events, newest first).</summary>
    private static async Task<CustomerSeen> CustomerAsync(ApiTestHost host)
    {
        var detail = (await host.Admin().GetFromJsonAsync<GrainDetailDto>($"/api/admin/grains/customer/{Phone}"))!;
        var state = (JsonElement)detail.State!;
        return new CustomerSeen(
            [.. state.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()!)],
            state.GetProperty("totalSpend").GetDecimal(),
            detail.LatestEvents[0].Version,
            detail.LatestEvents[0].EventType);
    }
}

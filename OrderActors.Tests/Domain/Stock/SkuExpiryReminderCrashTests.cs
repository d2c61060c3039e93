using OrderActors.Grains.Stock;
using OrderActors.Runtime.Storage;
using OrderActors.Tests.Domain.Orders;
using OrderActors.Tests.Infrastructure;
using OrderActors.Tests.Runtime.Faults;

namespace OrderActors.Tests.Domain.Stock;

/// <summary>
/// A SKU's one expiry reminder is due at its earliest reservation expiry. A reservation must never outlive its expiry
/// for want of that reminder, whatever a crash cut off, even when nothing calls the SKU again.
/// </summary>
public sealed class SkuExpiryReminderCrashTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Reserve_ReminderWriteApartFromTheAppendFails_ReservationStillExpiresAfterRestart(string provider)
    {
        var faults = new StorageFaults();
        await using var cluster = await OrderCluster.StartAsync(provider, services: faults.Install);
        await cluster.ReceiveAsync("SKU-1", 10);
        var expiresAt = OrderSamples.T0 + TimeSpan.FromMinutes(30);
        faults.FailReminderWrites(1);

        // What a crash between the SKU's append and a reminder write of its own would leave (once the reminder rides on
        // the append there is no such write, and the reservation answers as usual).
        try
        {
            await cluster.Stock("SKU-1").ReserveAsync(new ReserveStock("own-X", 3, expiresAt, false, "test"));
        }
        catch (StorageWriteException)
        {
        }

        faults.FailReminderWrites(0);
        await cluster.Cluster.RestartAsync();
        await cluster.Cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(31));

        var stock = await cluster.StockAsync("SKU-1");
        Assert.Equal((0, 10), (stock.Reserved, stock.Sellable));
        Assert.Equal(HoldingStatus.Expired, (await cluster.Stock("SKU-1").GetHoldingAsync("own-X")).Status);
    }
}

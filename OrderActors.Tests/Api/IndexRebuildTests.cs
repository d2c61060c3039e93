using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Storage.Sqlite;

namespace OrderActors.Tests.Api;

/// <summary>
/// A lost SQLite index file, once the log that could rebuild it is gone: the silo refuses to start, and one start with
/// <c>OrderActors:Storage:RebuildIndex=true</c> writes every order's and customer's entries again from their journals.
/// </summary>
public sealed class IndexRebuildTests
{
    private const int Orders = 300;

    [Fact]
    public async Task Start_IndexFileLostAfterItsLogWasDeleted_RefusesThenARebuildListsEveryOrderAsItIs()
    {
        StorageOptions storage;
        await using (var first = await ApiTestHost.StartAsync("sqlite"))
        {
            storage = first.Storage;
            var admin = first.Admin();
            await admin.ReceiveStockAsync("SKU-1", Orders * 2);
            for (var i = 0; i < Orders; i++)
            {
                (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout($"RB-{i}", phone: $"1390000{i:D4}"))).EnsureSuccessStatusCode();
            }

            (await admin.PostAsJsonAsync("/api/orders/own-RB-7/payment", new PaymentRequest("pay-7", 20m))).EnsureSuccessStatusCode();
            Assert.Equal(Orders - 1, (await QueryAsync(first, "PendingPayment")).Count);
            // One more append after the index file caught up: the log it no longer needs is deleted.
            (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("RB-last", phone: "13911112222"))).EnsureSuccessStatusCode();
        }

        SqliteConnection.ClearAllPools();
        var index = SqliteIndexStore.PathFor(Path.GetFullPath(new SqliteConnectionStringBuilder(storage.ConnectionString).DataSource));
        foreach (var file in new[] { index, index + "-wal", index + "-shm" })
        {
            File.Delete(file);
        }

        await using (var refused = new ApiTestHost(storage))
        {
            var error = Assert.ThrowsAny<Exception>(() => refused.Server);
            Assert.Contains("is behind its database", error.ToString(), StringComparison.Ordinal);
        }

        await using var rebuilt = new ApiTestHost(storage, settings: new Dictionary<string, string?> { ["OrderActors:Storage:RebuildIndex"] = "true" });
        var pending = await QueryAsync(rebuilt, "PendingPayment");
        var paid = await QueryAsync(rebuilt, "Paid");

        Assert.Equal(Orders, pending.Count);
        Assert.Contains(pending, o => o.GrainKey == "own-RB-last");
        var order = Assert.Single(paid);
        Assert.Equal("own-RB-7", order.GrainKey);
        Assert.Equal("13900000007", order.Entries["phone"]);
        var byPhone = await rebuilt.Admin().GetFromJsonAsync<OrderListResponse>("/api/orders?phone=13900000042");
        Assert.Equal(["own-RB-42"], byPhone!.Items.Select(o => o.Id));
    }

    private static Task<IReadOnlyList<IndexedGrain>> QueryAsync(ApiTestHost host, string status) =>
        host.Services.GetRequiredService<IStorageProvider>().QueryIndexAsync(
            new IndexQuery("order", [new IndexFilter("status", IndexOperator.Equal, status)]) { Limit = 1000 }, CancellationToken.None);
}

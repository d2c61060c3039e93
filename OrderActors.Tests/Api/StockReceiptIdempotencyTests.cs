using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Api.Orders;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// <c>POST /api/stock/{sku}/receipts</c> takes an <c>Idempotency-Key</c>: a receipt sent again without a
/// <c>receiptId</c> (a timeout, a crash that lost the answer) was counted twice.
/// </summary>
public sealed class StockReceiptIdempotencyTests
{
    [Fact]
    public async Task Receipt_SameIdempotencyKeyTwice_CountsOnceAndAnswersTheFirst()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();

        var first = await admin.PostWithKeyAsync("/api/stock/SKU-RI1/receipts", new StockReceiptRequest("SZ", 5), "rcv-1");
        var again = await admin.PostWithKeyAsync("/api/stock/SKU-RI1/receipts", new StockReceiptRequest("SZ", 5), "rcv-1");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal(5, (await again.Content.ReadFromJsonAsync<StockDto>())!.OnHand);
        Assert.Equal(5, (await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-RI1"))!.OnHand);
    }

    /// <summary>
    /// A crash after the SKU counted the goods and before the key's record was completed: two minutes on, the retry
    /// takes the claim over and runs again, and the key standing in as the receipt's id keeps the goods counted once.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Receipt_RetriedAfterACrashLostItsAnswer_CountsOnce(string provider)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
        await using var host = await ApiTestHost.StartAsync(provider, clock);
        var admin = host.Admin();
        var documents = host.Services.GetRequiredService<IDocumentStore>();
        await admin.PostWithKeyAsync("/api/stock/SKU-RI2/receipts", new StockReceiptRequest("SZ", 7), "rcv-2");
        Assert.Single(await documents.ListDocumentsAsync(IdempotencyStore.Collection, null, 10, CancellationToken.None));
        await SubscriptionIdempotencyTests.LoseTheAnswerAsync(documents);
        clock.Advance(IdempotencyStore.StaleClaim + TimeSpan.FromSeconds(1));

        var retried = await admin.PostWithKeyAsync("/api/stock/SKU-RI2/receipts", new StockReceiptRequest("SZ", 7), "rcv-2");

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(7, (await retried.Content.ReadFromJsonAsync<StockDto>())!.OnHand);
        Assert.Equal(7, (await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-RI2"))!.OnHand);
    }

    /// <summary>
    /// A receipt id sent again is a retry and changes nothing; sent again with other goods it is not, and answering it as
    /// one told the operator who corrected a mistyped quantity that it was done while the stock stayed wrong.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Receipt_IdUsedAgainForOtherGoods_Is409NamingItAndChangesNothingWhileARetryIsStill200(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        (await admin.PostAsJsonAsync("/api/stock/SKU-RI5/receipts", new StockReceiptRequest("SZ", 5, "GRN-5"))).EnsureSuccessStatusCode();

        var retry = await admin.PostAsJsonAsync("/api/stock/SKU-RI5/receipts", new StockReceiptRequest("SZ", 5, "GRN-5"));
        var otherQuantity = await admin.PostAsJsonAsync("/api/stock/SKU-RI5/receipts", new StockReceiptRequest("SZ", 50, "GRN-5"));
        var otherWarehouse = await admin.PostAsJsonAsync("/api/stock/SKU-RI5/receipts", new StockReceiptRequest("GZ", 5, "GRN-5"));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var problem = await ProblemAssert.IsAsync(otherQuantity, HttpStatusCode.Conflict, "stock.receipt_id_reused", "receiptId");
        Assert.Contains("as 5 into SZ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsAsync(otherWarehouse, HttpStatusCode.Conflict, "stock.receipt_id_reused", "receiptId");
        await admin.AssertStockAsync("SKU-RI5", (5, 0, 0, 5));
    }

    [Fact]
    public async Task Receipt_KeyUsedAgainForAnotherQuantity_Is400AndChangesNothing()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.PostWithKeyAsync("/api/stock/SKU-RI3/receipts", new StockReceiptRequest("SZ", 5), "rcv-3");

        var other = await admin.PostWithKeyAsync("/api/stock/SKU-RI3/receipts", new StockReceiptRequest("SZ", 9), "rcv-3");

        await ProblemAssert.IsAsync(other, HttpStatusCode.BadRequest, "request.idempotency_key_reused", IdempotencyStore.HeaderName);
        Assert.Equal(5, (await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-RI3"))!.OnHand);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("a-receipt-id-far-longer-than-any-warehouse-system-gives-one-hundred-characters-is-plenty-for-them-all")]
    public async Task Receipt_BlankOrOverlongReceiptId_Is400NamingItAndChangesNothing(string receiptId)
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-RI4", 2);

        var response = await admin.PostAsJsonAsync("/api/stock/SKU-RI4/receipts", new StockReceiptRequest("SZ", 3, receiptId));

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "request.invalid", "receiptId");
        Assert.Equal(2, (await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-RI4"))!.OnHand);
    }
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>The same checkout with the same <c>Idempotency-Key</c> sent several times at the same moment.</summary>
public sealed class IdempotencyRaceTests
{
    /// <summary>
    /// One order, and every copy gets the answer the first got. The copies used to be refused with 409
    /// <c>request.idempotency_in_progress</c> while the first ran (in nearly every round).
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Checkout_SameKeyThreeTimesAtOnce_OneOrderAndEveryCopyGetsTheSame201(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 1000);
        const int rounds = 30;
        for (var round = 0; round < rounds; round++)
        {
            var checkout = ApiTestHostExtensions.Checkout($"IK-{round}");

            var answers = await AtOnceAsync(3, () => admin.PostCheckoutAsync(checkout, $"key-{round}"));

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
            var orders = await Task.WhenAll(answers.Select(a => a.Content.ReadFromJsonAsync<OrderDto>()));
            Assert.All(orders, o => Assert.Equal(($"own-IK-{round}", orders[0]!.Version), (o!.Id, o.Version)));
        }

        var stock = await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-1");
        Assert.Equal(rounds, stock!.Reserved);
    }

    /// <summary>A refused first attempt releases the key; the copies run after it and are refused the same way.</summary>
    [Fact]
    public async Task Checkout_SameKeyThreeTimesAtOnceWhenSoldOut_EveryCopyGetsTheSame409()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 1);
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("FIRST"))).EnsureSuccessStatusCode();

        var answers = await AtOnceAsync(3, () => admin.PostCheckoutAsync(ApiTestHostExtensions.Checkout("LATE"), "late-key"));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        foreach (var answer in answers)
        {
            Assert.Equal("stock.insufficient", (await answer.Content.ReadFromJsonAsync<ProblemDetails>())!.Extensions["code"]!.ToString());
        }
    }

    private static async Task<HttpResponseMessage[]> AtOnceAsync(int copies, Func<Task<HttpResponseMessage>> call)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = Enumerable.Range(0, copies).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            return await call();
        })).ToArray();
        gate.SetResult();
        return await Task.WhenAll(sent);
    }
}

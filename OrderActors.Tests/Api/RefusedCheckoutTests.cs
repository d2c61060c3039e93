using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Storage;
using OrderActors.Tests.Infrastructure;
using static OrderActors.Tests.Api.ApiTestHostExtensions;

namespace OrderActors.Tests.Api;

/// <summary>
/// A sold-out checkout travels from the grain as a value, not an exception; over HTTP it must answer exactly what the
/// thrown <c>stock.insufficient</c> answered (captured from main at 8aa1894), write nothing, and keep its
/// <c>Idempotency-Key</c> behaviour (a refusal releases the key, so a retry runs again).
/// </summary>
public sealed partial class RefusedCheckoutTests
{
    // The body main answered before the change, with its traceId (different on every request) left out.
    private const string SoldOutBody =
        """{"type":"https://orderactors.dev/problems/stock.insufficient","title":"Conflict","status":409,"detail":"Not enough stock of SKU-1: 1 wanted, fewer available.","instance":"/api/orders","code":"stock.insufficient","traceId":"*"}""";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateOrder_SoldOut_Answers409ProblemAsBeforeAndWritesNothing(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 1);
        (await admin.PostAsJsonAsync("/api/orders", Checkout("R-1"))).EnsureSuccessStatusCode();
        var feedBefore = await FeedHeadAsync(host);

        var response = await admin.PostAsJsonAsync("/api/orders", Checkout("R-2"));

        await AssertSoldOutAsync(response);
        Assert.Equal(feedBefore, await FeedHeadAsync(host));
        var stock = (await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-1"))!;
        Assert.Equal((1, 1, 0), (stock.OnHand, stock.Reserved, stock.Sellable));
        Assert.Equal(["own-R-1"], (await admin.ListOrdersAsync()).Items.Select(o => o.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/orders/own-R-2")).StatusCode);
    }

    [Fact]
    public async Task CreateOrder_SoldOutForAClientThatAcceptsNoJson_Is409WithAnEmptyBodyAsBefore()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 1);
        (await admin.PostAsJsonAsync("/api/orders", Checkout("R-1"))).EnsureSuccessStatusCode();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(Checkout("R-2")) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        Assert.Equal("no-cache", response.Headers.Pragma.ToString());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateOrder_SoldOutRetriedWithTheSameIdempotencyKey_GetsTheSameRefusalThenTheOrderOnceStockArrives(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 1);
        (await admin.PostAsJsonAsync("/api/orders", Checkout("R-1"))).EnsureSuccessStatusCode();

        var refused = await admin.PostCheckoutAsync(Checkout("R-2"), "key-2");
        var refusedAgain = await admin.PostCheckoutAsync(Checkout("R-2"), "key-2");
        await admin.ReceiveStockAsync("SKU-1", 1);
        var accepted = await admin.PostCheckoutAsync(Checkout("R-2"), "key-2");
        var replayed = await admin.PostCheckoutAsync(Checkout("R-2"), "key-2");

        await AssertSoldOutAsync(refused);
        await AssertSoldOutAsync(refusedAgain);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (accepted.StatusCode, replayed.StatusCode));
        Assert.Equal(await accepted.Content.ReadAsStringAsync(), await replayed.Content.ReadAsStringAsync());
        Assert.Equal("/api/orders/own-R-2", replayed.Headers.Location?.OriginalString);
        Assert.Equal(2, (await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-1"))!.Reserved);
        Assert.Equal(2, (await admin.ListOrdersAsync()).Items.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateOrder_KeyAnsweredBeforeTheSellOut_ReplaysTheOrderAfterIt(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 1);

        var first = await admin.PostCheckoutAsync(Checkout("R-1"), "key-1");
        var soldOut = await admin.PostAsJsonAsync("/api/orders", Checkout("R-2"));
        var retry = await admin.PostCheckoutAsync(Checkout("R-1"), "key-1");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retry.StatusCode));
        await AssertSoldOutAsync(soldOut);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, (await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-1"))!.Reserved);
    }

    /// <summary>Status, body and headers as the exception handler wrote them (its middleware adds the no-cache headers).</summary>
    private static async Task AssertSoldOutAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(SoldOutBody, TraceId().Replace(await response.Content.ReadAsStringAsync(), "\"traceId\":\"*\""));
        Assert.Equal((true, true), (response.Headers.CacheControl?.NoCache, response.Headers.CacheControl?.NoStore));
        Assert.Equal("no-cache", response.Headers.Pragma.ToString());
        Assert.Equal(["-1"], response.Content.Headers.GetValues("Expires"));
        Assert.Null(response.Headers.Location);
    }

    private static Task<long> FeedHeadAsync(ApiTestHost host) =>
        host.Services.GetRequiredService<IGrainStorage>().GetFeedHeadAsync(CancellationToken.None);

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();
}

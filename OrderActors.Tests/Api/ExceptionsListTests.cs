using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

public sealed class ExceptionsListTests
{
    /// <summary>A cancelled order keeps its hold in its history, but it is no longer work to do.</summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Exceptions_OrderCancelledWithItsHoldOpen_IsNoLongerListed(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("EXC-OPEN", phone: "1391234567"))).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("EXC-GONE", phone: "1391234568"))).EnsureSuccessStatusCode();
        var before = (await admin.GetFromJsonAsync<OrderListResponse>("/api/exceptions"))!;

        (await admin.PostAsJsonAsync("/api/orders/own-EXC-GONE/cancel", new ReasonRequest("buyer changed their mind"))).EnsureSuccessStatusCode();
        var after = (await admin.GetFromJsonAsync<OrderListResponse>("/api/exceptions"))!;
        var byCode = (await admin.GetFromJsonAsync<OrderListResponse>("/api/exceptions?code=phone_invalid"))!;
        var cancelled = await admin.GetOrderAsync("own-EXC-GONE");

        Assert.Equal(["own-EXC-GONE", "own-EXC-OPEN"], before.Items.Select(i => i.Id).Order());
        Assert.Equal(["own-EXC-OPEN"], after.Items.Select(i => i.Id));
        Assert.Equal(["own-EXC-OPEN"], byCode.Items.Select(i => i.Id));
        Assert.Equal("Cancelled", cancelled.Status);
        Assert.Contains(cancelled.Holds, h => h.Code == "phone_invalid");
    }

    /// <summary>The list returned one page and no cursor: a queue longer than the page could not be read to its end.</summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Exceptions_MoreHeldThanAPage_NextCursorPagesToTheEnd(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 10);
        foreach (var no in new[] { "PG-1", "PG-2", "PG-3", "PG-4", "PG-5" })
        {
            // A phone that is not one holds the order (phone_invalid); a valid one does not.
            var phone = no == "PG-3" ? "13812345678" : "139123456" + no[^1];
            (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout(no, phone: phone))).EnsureSuccessStatusCode();
        }

        var first = (await admin.GetFromJsonAsync<OrderListResponse>("/api/exceptions?limit=2"))!;
        var second = (await admin.GetFromJsonAsync<OrderListResponse>($"/api/exceptions?limit=2&cursor={first.NextCursor}"))!;
        var third = (await admin.GetFromJsonAsync<OrderListResponse>($"/api/exceptions?limit=2&cursor={second.NextCursor}"))!;
        var byCode = (await admin.GetFromJsonAsync<OrderListResponse>("/api/exceptions?code=phone_invalid&limit=3"))!;
        var byCodeRest = (await admin.GetFromJsonAsync<OrderListResponse>($"/api/exceptions?code=phone_invalid&limit=3&cursor={byCode.NextCursor}"))!;

        Assert.Equal(["own-PG-1", "own-PG-2"], first.Items.Select(i => i.Id));
        Assert.Equal(["own-PG-4", "own-PG-5"], second.Items.Select(i => i.Id));
        Assert.Empty(third.Items);
        Assert.Null(third.NextCursor);
        Assert.Equal(["own-PG-1", "own-PG-2", "own-PG-4"], byCode.Items.Select(i => i.Id));
        Assert.Equal(["own-PG-5"], byCodeRest.Items.Select(i => i.Id));
        Assert.Null(byCodeRest.NextCursor);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("b3du")]
    public async Task Exceptions_CursorTheApiDidNotGive_Is400NamingCursor(string cursor)
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");

        var response = await host.Admin().GetAsync($"/api/exceptions?cursor={cursor}");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        var problem = JsonSerializer.Deserialize<HttpValidationProblemDetails>(body, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(["cursor"], problem.Errors.Keys);
        Assert.Equal("request.invalid", problem.Extensions["code"]?.ToString());
    }
}

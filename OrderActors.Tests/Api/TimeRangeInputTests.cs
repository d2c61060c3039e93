using System.Net;
using System.Net.Http.Json;

namespace OrderActors.Tests.Api;

/// <summary>
/// Every endpoint that takes a <c>from</c>/<c>to</c> range answers a range that holds no time (<c>from</c> at or after
/// <c>to</c>) with the same 400 naming <c>from</c>: the order list answered an empty 200 where the summary report refused.
/// </summary>
public sealed class TimeRangeInputTests(SharedApiHost shared) : IClassFixture<SharedApiHost>
{
    public static TheoryData<string, string> EmptyRanges => new()
    {
        { "2026-12-01T00:00:00Z", "2026-11-01T00:00:00Z" },
        { "2026-11-21T10:00:00%2B08:00", "2026-11-21T02:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(EmptyRanges))]
    public async Task OrderListAndSummary_FromNotBeforeTo_AnswerTheSame400NamingFrom(string from, string to)
    {
        var admin = shared.Host.Admin();
        await admin.ReceiveStockAsync("RANGE-1", 5);
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout($"RANGE-{from[..10]}-{to[..10]}", sku: "RANGE-1"))).EnsureSuccessStatusCode();
        var orders = await admin.ListOrdersAsync();

        var list = await admin.GetAsync($"/api/orders?from={from}&to={to}");
        var summary = await admin.GetAsync($"/api/reports/summary?from={from}&to={to}");

        var listProblem = await ProblemAssert.IsAsync(list, HttpStatusCode.BadRequest, "request.invalid", "from");
        var summaryProblem = await ProblemAssert.IsAsync(summary, HttpStatusCode.BadRequest, "request.invalid", "from");
        Assert.Equal(summaryProblem.GetProperty("type").GetString(), listProblem.GetProperty("type").GetString());
        Assert.Equal(summaryProblem.GetProperty("errors").ToString(), listProblem.GetProperty("errors").ToString());
        Assert.Equal(orders.Items.Select(o => o.Id), (await admin.ListOrdersAsync()).Items.Select(o => o.Id));
        // A range open at either end is still a list.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/orders?from={from}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/orders?to={to}")).StatusCode);
    }
}

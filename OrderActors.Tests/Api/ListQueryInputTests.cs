using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

/// <summary>
/// List parameters found by the input probe: a status given as a number or a list (<c>Enum.TryParse</c> took both and
/// listed nothing, 200), and a deliveries <c>limit</c> that was clamped without a word, where every other list refuses
/// one out of range.
/// </summary>
public sealed class ListQueryInputTests(SharedApiHost shared) : IClassFixture<SharedApiHost>
{
    [Theory]
    [InlineData("99")]
    [InlineData("1")]
    [InlineData("Paid,Shipped")]
    [InlineData("None")]
    public async Task ListOrders_StatusThatIsNotAStatusName_Is400NamingStatus(string status)
    {
        var response = await shared.Host.Admin().GetAsync($"/api/orders?status={Uri.EscapeDataString(status)}");

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "request.invalid", "status");
    }

    [Fact]
    public async Task ListOrders_StatusNameInAnyCase_ListsThatStatus()
    {
        var admin = shared.Host.Admin();
        await admin.PaidOrderAsync("LQ-PAID");

        var list = await admin.ListOrdersAsync("status=%20paid%20&limit=500");

        Assert.Contains(list.Items, i => i.Id == "own-LQ-PAID");
        Assert.All(list.Items, i => Assert.Equal("Paid", i.Status));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1001")]
    public async Task Deliveries_LimitOutOfRange_Is400NamingLimit(string limit)
    {
        var admin = shared.Host.Admin();
        var created = await admin.PostAsJsonAsync("/api/subscriptions", new CreateSubscriptionRequest("http://127.0.0.1:9/hook", ["order.*"], "subscription-secret-0123456789"));
        var subscription = (await created.Content.ReadFromJsonAsync<SubscriptionView>())!;

        var response = await admin.GetAsync($"/api/subscriptions/{subscription.Id}/deliveries?limit={limit}");

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "request.invalid", "limit");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/subscriptions/{subscription.Id}/deliveries?limit=1000")).StatusCode);
    }
}

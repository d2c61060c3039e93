using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OrderActors.Tests.Api;

/// <summary>
/// A JSON body that gives a property twice is refused with a 400 naming it, and changes nothing. The last value used to
/// win silently: <c>{"quantity": 1, "quantity": 100}</c> reserved 100, while a proxy, a log or a person reading the
/// body saw 1.
/// </summary>
public sealed class DuplicatePropertyTests(SharedApiHost shared) : IClassFixture<SharedApiHost>
{
    [Fact]
    public async Task Checkout_LineQuantityGivenTwice_Is400NamingItAndReservesNothing()
    {
        var admin = shared.Host.Admin();
        await admin.ReceiveStockAsync("SKU-DUP", 200);
        var body = JsonSerializer.Serialize(ApiTestHostExtensions.Checkout("DUP-1", sku: "SKU-DUP"), JsonSerializerOptions.Web)
            .Replace("\"quantity\":1", "\"quantity\":1,\"quantity\":100", StringComparison.Ordinal);
        Assert.Contains("\"quantity\":100", body, StringComparison.Ordinal);

        var response = await admin.PostAsync("/api/orders", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "request.malformed_json", "lines[0].quantity");
        Assert.Contains("more than once", problem.GetProperty("errors").GetProperty("lines[0].quantity")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/orders/own-DUP-1")).StatusCode);
        await admin.AssertStockAsync("SKU-DUP", (200, 0, 0, 200));
    }

    [Fact]
    public async Task PutRuleSection_PropertyGivenTwice_Is400AndTheRulesStayAsTheyWere()
    {
        var admin = shared.Host.Admin();
        var before = await admin.GetStringAsync("/api/rules");

        var response = await admin.PutAsync(
            "/api/rules/sla",
            new StringContent("""{"review": "00:10:00", "review": "30.00:00:00"}""", Encoding.UTF8, "application/json"));

        // The section is read whole as JSON first, so the field is the body and the message names the property.
        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "request.malformed_json", "body");
        Assert.Contains("'review' more than once", problem.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await admin.GetStringAsync("/api/rules"));
    }

    [Fact]
    public async Task Checkout_EachPropertyOnce_IsStillAccepted()
    {
        var admin = shared.Host.Admin();
        await admin.ReceiveStockAsync("SKU-DUP2", 5);

        var response = await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("DUP-2", sku: "SKU-DUP2"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await admin.AssertStockAsync("SKU-DUP2", (5, 1, 0, 4));
    }
}

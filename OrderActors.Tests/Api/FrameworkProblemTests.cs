using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace OrderActors.Tests.Api;

/// <summary>
/// Answers ASP.NET Core writes itself (an unknown route, a method a route does not take, a body that is not JSON, a bare
/// 404 of an endpoint) carry a <c>code</c> like every other problem; they had only the RFC's <c>type</c>. Found by the
/// input probe of the OpenAPI document.
/// </summary>
public sealed class FrameworkProblemTests(SharedApiHost shared) : IClassFixture<SharedApiHost>
{
    [Theory]
    [InlineData("/api/nothing")]
    [InlineData("/api/rules/bogus")]
    [InlineData("/api/subscriptions/0000000000000000")]
    [InlineData("/api/channels/nosuchchannel/mapping")]
    public async Task Get_NothingThere_Is404ProblemWithACode(string url)
    {
        var response = await shared.Host.Admin().GetAsync(url);

        await ProblemAssert.IsAsync(response, HttpStatusCode.NotFound, "request.not_found", field: null);
    }

    [Fact]
    public async Task Delete_OnARouteThatTakesNoDelete_Is405ProblemWithACode()
    {
        var response = await shared.Host.Admin().DeleteAsync("/api/orders/own-NO-DELETE");

        await ProblemAssert.IsAsync(response, HttpStatusCode.MethodNotAllowed, "request.method_not_allowed", field: null);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task Payment_BodyNotSentAsJson_Is415NamingContentTypeAndChangesNothing(string? contentType)
    {
        var admin = shared.Host.Admin();
        var no = "CT-" + (contentType ?? "none").Replace('/', '-');
        await admin.ReceiveStockAsync("SKU-1", 5);
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout(no))).EnsureSuccessStatusCode();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"paymentId": "pay-ct", "amount": 20}"""));
        if (contentType is not null)
        {
            content.Headers.ContentType = new(contentType);
        }

        var response = await admin.PostAsync($"/api/orders/own-{no}/payment", content);

        await ProblemAssert.IsAsync(response, HttpStatusCode.UnsupportedMediaType, "request.unsupported_media_type", "Content-Type");
        var order = await admin.GetOrderAsync($"own-{no}");
        Assert.Equal(("PendingPayment", 0m), (order.Status, order.PaidAmount ?? 0m));
    }
}

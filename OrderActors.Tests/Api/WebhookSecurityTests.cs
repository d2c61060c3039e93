using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using OrderActors.Runtime.Storage;

namespace OrderActors.Tests.Api;

public sealed class WebhookSecurityTests
{
    public static TheoryData<string, string> BadSignatures => new()
    {
        { "sqlite", "tampered" },
        { "sqlite", "wrong" },
        { "sqlite", "missing" },
        { "postgres", "tampered" },
        { "postgres", "wrong" },
        { "postgres", "missing" },
    };

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task ShopifyWebhook_BadSignature_Is401AndStoresNothing(string provider, string fault)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var body = ChannelPayloads.Shopify(id: 5001);

        var response = fault switch
        {
            "tampered" => await host.PostWebhookAsync("shopify", body.Replace("\"quantity\": 1", "\"quantity\": 9", StringComparison.Ordinal), deliveryId: "d-1", signedBody: body),
            "wrong" => await host.PostWebhookAsync("shopify", body, secret: "not-the-secret", deliveryId: "d-1"),
            _ => await host.PostWebhookAsync("shopify", body, secret: null, deliveryId: "d-1"),
        };

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("https://orderactors.dev/problems/webhook.signature_invalid", problem!.Type);
        await AssertNothingStoredAsync(host);
    }

    [Fact]
    public async Task Webhook_ChannelWithoutConfiguredSecret_FailsClosedWith401()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite", settings: new Dictionary<string, string?> { ["OrderActors:Channels:jd:Secret"] = string.Empty });

        var response = await host.PostWebhookAsync("jd", ChannelPayloads.Jd());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingStoredAsync(host);
    }

    [Fact]
    public async Task Webhook_OversizedBody_Is413ProblemAndStoresNothing()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite", settings: new Dictionary<string, string?> { ["OrderActors:Api:MaxRequestBodyBytes"] = "4096" });
        var body = ChannelPayloads.Taobao().Replace("请尽快发货", new string('x', 5000), StringComparison.Ordinal);

        var response = await host.PostWebhookAsync("taobao", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("https://orderactors.dev/problems/request.too_large", problem!.Type);
        await AssertNothingStoredAsync(host);
    }

    internal static async Task AssertNothingStoredAsync(ApiTestHost host)
    {
        await using var provider = StorageProviderFactory.Create(host.Storage, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        Assert.Empty(await provider.ReadFeedAsync(0, 10, CancellationToken.None));
        Assert.Empty(await provider.ListDocumentsAsync("webhook-deliveries", null, 10, CancellationToken.None));
    }
}

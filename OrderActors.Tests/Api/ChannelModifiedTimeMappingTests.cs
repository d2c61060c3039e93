using System.Text.Json;
using OrderActors.Api.Channels;

namespace OrderActors.Tests.Api;

/// <summary>Each built-in mapping reads its platform's modification time, in the platform's own form, as <c>modifiedAt</c>.</summary>
public sealed class ChannelModifiedTimeMappingTests
{
    private static readonly DateTimeOffset Expected = new(2026, 11, 21, 11, 30, 0, TimeSpan.FromHours(8));

    public static TheoryData<string, string> Payloads => new()
    {
        { "taobao", ChannelPayloads.Taobao().Replace("{\"tid\"", "{\"modified\": \"2026-11-21 11:30:00\", \"tid\"", StringComparison.Ordinal) },
        { "jd", ChannelPayloads.Jd().Replace("{\"orderId\"", "{\"modified\": \"2026-11-21 11:30:00\", \"orderId\"", StringComparison.Ordinal) },
        { "pdd", ChannelPayloads.Pinduoduo().Replace("{\"order_sn\"", "{\"updated_at\": \"2026-11-21 11:30:00\", \"order_sn\"", StringComparison.Ordinal) },
        { "douyin", ChannelPayloads.Douyin().Replace("{\"order_id\"", "{\"update_time\": 1795231800, \"order_id\"", StringComparison.Ordinal) },
        { "shopify", ChannelPayloads.Shopify().Replace("{\"id\"", "{\"updated_at\": \"2026-11-21T11:30:00+08:00\", \"id\"", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Map_DefaultMappingWithThePlatformsModifiedTime_ReadsModifiedAt(string channel, string payload)
    {
        using var json = JsonDocument.Parse(payload);

        var order = ChannelMappingEngine.Map(channel, json.RootElement, DefaultChannelMappings.For(channel)!);

        Assert.Equal(Expected, order.ModifiedAt);
    }

    [Fact]
    public void Map_ShopifyPartiallyRefunded_IsPaidAndPartiallyRefundedNotRefunded()
    {
        using var json = JsonDocument.Parse(ChannelPayloads.Shopify(financialStatus: "partially_refunded"));

        var order = ChannelMappingEngine.Map("shopify", json.RootElement, DefaultChannelMappings.Shopify);

        Assert.Equal((true, true, false, (DateTimeOffset?)null), (order.Paid, order.PartiallyRefunded, order.Refunded, order.ModifiedAt));
    }
}

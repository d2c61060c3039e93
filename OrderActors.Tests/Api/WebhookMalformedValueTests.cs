using System.Text;

namespace OrderActors.Tests.Api;

/// <summary>
/// Values a marketplace can send that the service cannot represent: times outside the calendar, text that is not UTF-8, a
/// key (order number, phone, SKU) that holds a NUL, more lines than an order may have, amounts no order can cost. Each is a 400 naming the field (a 500 is
/// retried by the marketplace for days) and nothing is stored.
/// </summary>
public sealed class WebhookMalformedValueTests
{
    private const string Invalid = "channel.payload_invalid";
    private const string TaobaoPayTime = "\"2026-11-21 10:15:00\"";
    private const string TaobaoLines = """[{"oid": "1", "outer_sku_id": "SKU-TB", "num": 2, "price": "99.50"}]""";

    public static TheoryData<string, string, string> NulInText => new()
    {
        { "sqlite", "13812345678", "phone" },
        { "postgres", "13812345678", "phone" },
        { "sqlite", "SKU-TB", "lines[0].sku" },
        { "postgres", "SKU-TB", "lines[0].sku" },
        { "sqlite", "3456789012345", "externalOrderNo" },
        { "postgres", "3456789012345", "externalOrderNo" },
    };

    [Fact]
    public async Task TaobaoWebhook_PayTimeBeforeTheCalendarInChinaTime_Is400NamingPaidAtAndStoresNothing()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");

        var response = await host.PostWebhookAsync("taobao", TaobaoPaidAt("\"0001-01-01 00:00:00\""));

        var problem = await WebhookRefusals.AssertRefusedAndNothingStoredAsync(host, response, Invalid, "paidAt");
        Assert.Equal(["paidAt"], problem.Errors.Keys);
    }

    [Theory]
    [InlineData("\"99999999999999\"")]
    [InlineData("99999999999999")]
    [InlineData("\"253402300800\"")]
    [InlineData("\"1763700000000\"")]
    [InlineData("1763700000000")]
    [InlineData("\"-1\"")]
    [InlineData("-62135596801")]
    public async Task TaobaoWebhook_UnixPayTimeOutOfRangeOrInMilliseconds_Is400NamingPaidAtAndStoresNothing(string payTime)
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");

        var response = await host.PostWebhookAsync("taobao", TaobaoPaidAt(payTime));

        var problem = await WebhookRefusals.AssertRefusedAndNothingStoredAsync(host, response, Invalid, "paidAt");
        Assert.Equal(["paidAt"], problem.Errors.Keys);
    }

    [Theory]
    [InlineData("张三", 0xFF, "customerName")]
    [InlineData("张三", 0xC0, "customerName")]
    [InlineData("SKU-TB", 0xFF, "lines[0].sku")]
    [InlineData("3456789012345", 0xFF, "externalOrderNo")]
    [InlineData("99.50", 0xFF, "lines[0].unitPrice")]
    [InlineData("2026-11-21 10:15:00", 0xFF, "paidAt")]
    public async Task Webhook_SignedBodyWithInvalidUtf8InAMappedString_Is400NamingFieldAndStoresNothing(string value, byte bad, string field)
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var body = Encoding.UTF8.GetBytes(ChannelPayloads.Taobao().Replace(value, value[..1] + "~" + value[1..], StringComparison.Ordinal));
        body[Array.IndexOf(body, (byte)'~')] = bad;

        var response = await WebhookRefusals.PostSignedBytesAsync(host, "/webhooks/taobao", body);

        await WebhookRefusals.AssertRefusedAndNothingStoredAsync(host, response, Invalid, field);
    }

    [Fact]
    public async Task Webhook_EscapedLoneSurrogateInAMappedString_Is400NamingFieldAndStoresNothing()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");

        var response = await host.PostWebhookAsync("taobao", ChannelPayloads.Taobao().Replace("张三", "张\\ud800三", StringComparison.Ordinal));

        var problem = await WebhookRefusals.AssertRefusedAndNothingStoredAsync(host, response, Invalid, "customerName");
        Assert.Equal(["customerName"], problem.Errors.Keys);
    }

    [Theory]
    [MemberData(nameof(NulInText))]
    public async Task Webhook_NulCharacterInAMappedKey_Is400NamingFieldAndStoresNothing(string provider, string value, string field)
    {
        await using var host = await ApiTestHost.StartAsync(provider);

        var response = await host.PostWebhookAsync("taobao", ChannelPayloads.Taobao().Replace(value, value[..1] + "\\u0000" + value[1..], StringComparison.Ordinal));

        var problem = await WebhookRefusals.AssertRefusedAndNothingStoredAsync(host, response, Invalid, field);
        Assert.Equal([field], problem.Errors.Keys);
    }

    [Fact]
    public async Task TaobaoWebhook_FiveThousandBadLines_Is400NamingOnlyLinesAndStoresNothing()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var lines = "[" + string.Join(", ", Enumerable.Repeat("""{"num": -1}""", 5000)) + "]";

        var response = await host.PostWebhookAsync("taobao", ChannelPayloads.Taobao().Replace(TaobaoLines, lines, StringComparison.Ordinal));

        var problem = await WebhookRefusals.AssertRefusedAndNothingStoredAsync(host, response, Invalid, "lines");
        Assert.Equal(["lines"], problem.Errors.Keys);
    }

    [Theory]
    [InlineData("\"79228162514264337593543950335\"")]
    [InlineData("\"10000000000000000000000\"")]
    [InlineData("2000000000000000.01")]
    public async Task TaobaoWebhook_PaymentLargerThanAnyOrderCanCost_Is400NamingPaidAmountAndStoresNothing(string payment)
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");

        var response = await host.PostWebhookAsync("taobao", ChannelPayloads.Taobao().Replace("\"199.00\"", payment, StringComparison.Ordinal));

        var problem = await WebhookRefusals.AssertRefusedAndNothingStoredAsync(host, response, Invalid, "paidAmount");
        Assert.Equal(["paidAmount"], problem.Errors.Keys);
    }

    private static string TaobaoPaidAt(string payTime) => ChannelPayloads.Taobao(tid: "T-1").Replace(TaobaoPayTime, payTime, StringComparison.Ordinal);
}

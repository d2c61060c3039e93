namespace OrderActors.Tests.Api;

/// <summary>
/// Values a marketplace can send that the service cannot represent: times outside the calendar. Each is a 400 naming the
/// field (a 500 is retried by the marketplace for days) and nothing is stored.
/// </summary>
public sealed class WebhookMalformedValueTests
{
    private const string Invalid = "channel.payload_invalid";
    private const string TaobaoPayTime = "\"2026-11-21 10:15:00\"";

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

    private static string TaobaoPaidAt(string payTime) => ChannelPayloads.Taobao(tid: "T-1").Replace(TaobaoPayTime, payTime, StringComparison.Ordinal);
}

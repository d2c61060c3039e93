using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

/// <summary>
/// A mapping says in which unit a platform sends its pay time (<c>format</c>: <c>unix-s</c>, <c>unix-ms</c>, <c>iso8601</c>).
/// Unix milliseconds, which many Chinese marketplaces send, were refused because nothing could say they were milliseconds.
/// A format the service does not know, or on a field that is not a time, is refused when the mapping is put.
/// </summary>
public sealed class ChannelMappingTimeFormatTests
{
    private const string Invalid = "channel.payload_invalid";

    /// <summary>1733560000000 ms = 2024-12-07T08:26:40Z.</summary>
    private static readonly DateTimeOffset PayTime = new(2024, 12, 7, 8, 26, 40, TimeSpan.Zero);

    private static readonly Dictionary<string, string?> WeidianSecret = new() { ["OrderActors:Channels:weidian:Secret"] = ApiTestHost.ChannelSecret };

    [Theory]
    [InlineData("unix-ms", "1733560000000")]
    [InlineData("unix-ms", "\"1733560000000\"")]
    [InlineData("unix-s", "1733560000")]
    [InlineData("iso8601", "\"2024-12-07T16:26:40+08:00\"")]
    [InlineData("iso8601", "\"2024-12-07 16:26:40\"")]
    public async Task Webhook_PayTimeInTheMappingsFormat_PaysTheOrderAtThatTime(string format, string payTime)
    {
        await using var host = await ApiTestHost.StartAsync("sqlite", settings: WeidianSecret);
        var admin = host.Admin();
        (await admin.PutAsJsonAsync("/api/channels/weidian/mapping", PaidAtAs(format))).EnsureSuccessStatusCode();

        var response = await host.PostWebhookAsync("weidian", Payload(payTime));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var order = await admin.GetOrderAsync("weidian-WD-T");
        Assert.Equal(PayTime, order.PaidAt);
    }

    /// <summary>Each refusal says what the mapping expected: the unit and its range, or that it reads text.</summary>
    [Theory]
    [InlineData("unix-ms", "253402300800000", "Unix milliseconds from -62135596800000 to 253402300799999")]
    [InlineData("unix-ms", "\"99999999999999999999999\"", "Unix milliseconds from -62135596800000 to 253402300799999")]
    [InlineData("unix-ms", "-62135596800001", "Unix milliseconds from -62135596800000 to 253402300799999")]
    [InlineData("unix-ms", "1733560000000.5", "whole Unix milliseconds")]
    [InlineData("unix-ms", "\"2026-11-21 10:15:00\"", "whole Unix milliseconds")]
    [InlineData("unix-s", "1733560000000", "Unix seconds from -62135596800 to 253402300799")]
    [InlineData("unix-s", "99999999999999999999", "Unix seconds from -62135596800 to 253402300799")]
    [InlineData("iso8601", "1733560000", "reads it as ISO 8601 text")]
    public async Task Webhook_PayTimeNotInTheMappingsFormatOrOutOfRange_Is400NamingPaidAtAndStoresNothing(string format, string payTime, string says)
    {
        await using var host = await ApiTestHost.StartAsync("sqlite", settings: WeidianSecret);
        (await host.Admin().PutAsJsonAsync("/api/channels/weidian/mapping", PaidAtAs(format))).EnsureSuccessStatusCode();

        var response = await host.PostWebhookAsync("weidian", Payload(payTime));

        var problem = await WebhookRefusals.AssertRefusedAndNothingStoredAsync(host, response, Invalid, "paidAt");
        Assert.Equal(["paidAt"], problem.Errors.Keys);
        Assert.Contains(says, Assert.Single(problem.Errors["paidAt"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("paidAt", "unix-us", "fields.paidAt.format")]
    [InlineData("paidAt", "UNIX-MS", "fields.paidAt.format")]
    [InlineData("paidAt", "", "fields.paidAt.format")]
    [InlineData("paidAmount", "unix-ms", "fields.paidAmount.format")]
    public async Task PutMapping_UnknownFormatOrFormatOnAFieldThatIsNotATime_Is400NamingItAndStoresNoMapping(string field, string format, string named)
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        var mapping = PaidAtAs("unix-ms");
        var fields = new Dictionary<string, FieldMapping>(mapping.Fields!);
        fields[field] = fields[field] with { Format = format };

        var response = await admin.PutAsJsonAsync("/api/channels/weidian/mapping", mapping with { Fields = fields });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        Assert.Equal("https://orderactors.dev/problems/channel.mapping_invalid", problem!.Type);
        Assert.Equal([named], problem.Errors.Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/channels/weidian/mapping")).StatusCode);
    }

    [Fact]
    public async Task PutMapping_LineFieldWithAFormat_Is400NamingIt()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var mapping = PaidAtAs("unix-ms");

        var response = await host.Admin().PutAsJsonAsync("/api/channels/weidian/mapping", mapping with { Lines = mapping.Lines! with { Quantity = new() { Path = "n", Format = "unix-s" } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        Assert.Equal(["lines.quantity.format"], problem!.Errors.Keys);
    }

    private static ChannelMappingDocument PaidAtAs(string format)
    {
        var mapping = WeidianMapping.Create();
        return mapping with { Fields = new Dictionary<string, FieldMapping>(mapping.Fields!) { ["paidAt"] = new() { Path = "order.paid_at", Format = format } } };
    }

    private static string Payload(string payTime) =>
        $$$"""{"order": {"no": "WD-T", "state": "PAID", "cents": 1990, "paid_at": {{{payTime}}}, "items": [{"code": "SKU-WD", "n": 1, "cents": 1990}]}, "buyer": {"nick": "小明", "tel": "13811112222", "prov": "浙江省", "city": "杭州市", "area": "西湖区", "addr": "文三路 100 号"}}""";
}

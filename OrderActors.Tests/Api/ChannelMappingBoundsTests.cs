using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

/// <summary>
/// A mapping that would make every webhook of its channel fail is refused when it is put, naming the field. A <c>scale</c>
/// is a unit (fen to yuan, micros to units): a power of ten from 10^-6 to 10^6. A number that still overflows once scaled
/// is a 400 naming the field, not a 500.
/// </summary>
public sealed class ChannelMappingBoundsTests
{
    private static readonly Dictionary<string, string?> WeidianSecret = new() { ["OrderActors:Channels:weidian:Secret"] = ApiTestHost.ChannelSecret };

    [Theory]
    [InlineData("100000000000000000000")]
    [InlineData("10000000")]
    [InlineData("0.0000001")]
    [InlineData("0.5")]
    [InlineData("12")]
    public async Task PutMapping_ScaleNotAPowerOfTenWithinRange_Is400NamingEachScaleAndStoresNoMapping(string scale)
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();

        var response = await admin.PutAsJsonAsync("/api/channels/weidian/mapping", Scaled(decimal.Parse(scale, CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        Assert.Equal("https://orderactors.dev/problems/channel.mapping_invalid", problem!.Type);
        Assert.Equal(["fields.paidAmount.scale", "lines.quantity.scale", "lines.unitPrice.scale"], problem.Errors.Keys.Order());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/channels/weidian/mapping")).StatusCode);
    }

    [Theory]
    [InlineData("0.000001")]
    [InlineData("0.010")]
    [InlineData("1")]
    [InlineData("1000000")]
    public async Task PutMapping_PowerOfTenScaleWithinRange_IsAccepted(string scale)
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");

        var response = await host.Admin().PutAsJsonAsync("/api/channels/weidian/mapping", Scaled(decimal.Parse(scale, CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Webhook_NumbersThatOverflowOnceScaled_Is400NamingEachFieldAndStoresNothing()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite", settings: WeidianSecret);
        (await host.Admin().PutAsJsonAsync("/api/channels/weidian/mapping", Scaled(1_000_000m))).EnsureSuccessStatusCode();
        const string huge = "\"100000000000000000000000\"";
        var payload = $$$"""{"order": {"no": "WD-O", "state": "PAID", "cents": {{{huge}}}, "items": [{"code": "SKU-WD", "n": {{{huge}}}, "cents": {{{huge}}}}]}, "buyer": {"nick": "小明", "tel": "13811112222"}}""";

        var response = await host.PostWebhookAsync("weidian", payload);

        var problem = await WebhookRefusals.AssertRefusedAndNothingStoredAsync(host, response, "channel.payload_invalid", "paidAmount", "lines[0].quantity", "lines[0].unitPrice");
        Assert.Equal(3, problem.Errors.Count);
    }

    [Fact]
    public async Task PutMapping_DefaultOrJoinWithNul_Is400NamingEachAndStoresNoMapping()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        var mapping = WeidianMapping.Create();
        var fields = new Dictionary<string, FieldMapping>(mapping.Fields!)
        {
            ["phone"] = new() { Path = "buyer.tel", Default = "138\u00000000000" },
            ["addressDetail"] = new() { Paths = ["buyer.addr", "buyer.area"], Join = "\u0000" },
        };

        var response = await admin.PutAsJsonAsync("/api/channels/weidian/mapping", mapping with { Fields = fields });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        // The API's JSON reading refuses the first NUL it meets: a mapping only ever arrives as a request body. Its code is
        // request.invalid, as for every character TextRules refuses (it was validation.invalid when only NUL was).
        Assert.Equal("https://orderactors.dev/problems/request.invalid", problem!.Type);
        Assert.Contains(Assert.Single(problem.Errors.Keys), new[] { "fields.addressDetail.join", "fields.phone.default" });
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/channels/weidian/mapping")).StatusCode);
    }

    private static ChannelMappingDocument Scaled(decimal scale)
    {
        var mapping = WeidianMapping.Create();
        return mapping with
        {
            Fields = new Dictionary<string, FieldMapping>(mapping.Fields!) { ["paidAmount"] = new() { Path = "order.cents", Scale = scale } },
            Lines = mapping.Lines! with
            {
                Quantity = new() { Path = "n", Scale = scale },
                UnitPrice = new() { Path = "cents", Scale = scale },
            },
        };
    }
}

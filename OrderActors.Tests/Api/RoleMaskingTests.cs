using System.Net;
using System.Net.Http.Json;
using System.Text;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Testing;

namespace OrderActors.Tests.Api;

/// <summary>
/// Texts follow the role rules that fields follow (design §7): hold details and history reasons carry the phone, the
/// address and amounts, so each role's answers are searched for them. Masking is the API's mapping and does not depend
/// on the storage provider, so these run over SQLite only. Every text is ASCII so that the JSON has it verbatim.
/// </summary>
public sealed class RoleMaskingTests
{
    private const string InvalidPhone = "1391234567";
    private const string BlacklistedFragment = "Xingfu Road";
    private const string RefundAmount = "4321.5";

    private static readonly string[] PersonalData = [InvalidPhone, "13800000002", "13800000003", BlacklistedFragment, "Wensan Road", "Li Si"];
    private static readonly string[] Amounts = ["60000", "70000", "Received 5", "8765.4", RefundAmount];

    private static readonly string[] Urls =
    [
        "/api/orders/own-MASK-A", "/api/orders/own-MASK-B", "/api/orders/own-MASK-C", "/api/orders",
        "/api/orders/own-MASK-A/history", "/api/orders/own-MASK-B/history", "/api/orders/own-MASK-C/history", "/api/exceptions",
    ];

    [Theory]
    [InlineData(ApiRoles.Finance)]
    [InlineData(ApiRoles.Sales)]
    public async Task Answers_RoleWithoutPii_NameNoPhoneOrAddressButStillTheAmounts(string role)
    {
        await using var host = await StartAsync();
        await PlaceOrdersWithSensitiveTextsAsync(host);
        var client = await host.WithRolesAsync(role);

        var answers = await GetAllAsync(client);
        var order = await client.GetOrderAsync("own-MASK-A");

        Assert.Empty(Leaks(answers, PersonalData));
        Assert.Equal(["approval_threshold", "blacklisted", "phone_invalid", "price_anomaly"], order.Holds.Select(h => h.Code).Order(StringComparer.Ordinal));
        Assert.Equal("Amount 60000 needs approval by sales.", Detail(order, "approval_threshold"));
        Assert.Equal("Received 5 of 10.", Detail(await client.GetOrderAsync("own-MASK-B"), "payment_not_received"));
    }

    [Fact]
    public async Task Answers_Warehouse_NameNoAmountOrRefundButStillThePhoneAndAddress()
    {
        await using var host = await StartAsync();
        var received = await PlaceOrdersWithSensitiveTextsAsync(host);
        var warehouse = await host.WithRolesAsync(ApiRoles.Warehouse);

        var answers = await GetAllAsync(warehouse);
        var order = await warehouse.GetOrderAsync("own-MASK-A");
        var refunded = (await warehouse.GetFromJsonAsync<List<OrderHistoryDto>>("/api/orders/own-MASK-C/history"))!;

        Assert.Empty(Leaks([.. answers, ("POST returns/receive", received)], Amounts));
        Assert.Equal("'1391234567' is not a valid phone number.", Detail(order, "phone_invalid"));
        Assert.Equal("The address matches the blacklist entry 'Xingfu Road'.", Detail(order, "blacklisted"));
        Assert.Contains("payment_not_received", (await warehouse.GetOrderAsync("own-MASK-B")).Holds.Select(h => h.Code));
        Assert.Contains(refunded, h => h.Changes.Any(c => c.Field == "creditNote" && c.NewValue == "****"));
    }

    [Theory]
    [InlineData(ApiRoles.Admin)]
    [InlineData(ApiRoles.CustomerService)]
    [InlineData(ApiRoles.Integration)]
    public async Task Answers_RoleWithPiiAndAmounts_ShowEveryDetailAsWritten(string role)
    {
        await using var host = await StartAsync();
        await PlaceOrdersWithSensitiveTextsAsync(host);
        var client = role == ApiRoles.Admin ? host.Admin() : await host.WithRolesAsync(role);

        var order = await client.GetOrderAsync("own-MASK-A");
        var history = (await client.GetFromJsonAsync<List<OrderHistoryDto>>("/api/orders/own-MASK-A/history"))!;
        var refunded = (await client.GetFromJsonAsync<List<OrderHistoryDto>>("/api/orders/own-MASK-C/history"))!;

        Assert.Equal("'1391234567' is not a valid phone number.", Detail(order, "phone_invalid"));
        Assert.Equal("Amount 60000 needs approval by sales.", Detail(order, "approval_threshold"));
        Assert.Equal("SKU-P at 60000 is below its floor 70000.", Detail(order, "price_anomaly"));
        Assert.Equal("The address matches the blacklist entry 'Xingfu Road'.", Detail(order, "blacklisted"));
        Assert.Equal("Received 5 of 10.", Detail(await client.GetOrderAsync("own-MASK-B"), "payment_not_received"));
        Assert.Contains(history, h => h.Reason == "phone_invalid: '1391234567' is not a valid phone number.");
        Assert.Contains(history, h => h.Reason == "moved to Xingfu Road 99");
        Assert.Contains(refunded, h => h.Changes.Any(c => c is { Field: "creditNote", NewValue: "CN-own-MASK-C 4321.5" }));
    }

    [Fact]
    public async Task FreeText_BuyerNoteScanAndReason_PhoneAndEmailMaskedForRolesWithoutPiiOnly()
    {
        const string Note = "call 138 1234 5678 or li.lei@example.com";
        const string Scan = "courier Wang 13900001111";
        await using var host = await ApiTestHost.StartAsync("sqlite", settings: new Dictionary<string, string?> { ["OrderActors:Carriers:sf:Secret"] = "carrier-secret-0123456789abcdef" });
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);
        await SucceedsAsync(admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("NOTE-1") with { BuyerNote = Note }));
        await SucceedsAsync(admin.PostAsJsonAsync("/api/orders/own-NOTE-1/payment", new PaymentRequest("pay-note-1", 20m)));
        await admin.AllocateAndPackAsync("own-NOTE-1");
        await SucceedsAsync(admin.PostAsJsonAsync("/api/orders/own-NOTE-1/ship", new ShipRequest("SF", "SFNOTE1")));
        await SucceedsAsync(WebhookRefusals.PostSignedBytesAsync(
            host, "/webhooks/carriers/sf", Encoding.UTF8.GetBytes($$"""{"waybillNo": "SFNOTE1", "events": [{"status": "out_for_delivery", "description": "{{Scan}}"}]}"""), "carrier-secret-0123456789abcdef"));
        var sales = await host.WithRolesAsync(ApiRoles.Sales);
        var cs = await host.WithRolesAsync(ApiRoles.CustomerService);

        var masked = await sales.GetOrderAsync("own-NOTE-1");
        var maskedHistory = (await sales.GetFromJsonAsync<List<OrderHistoryDto>>("/api/orders/own-NOTE-1/history"))!;
        var plain = await cs.GetOrderAsync("own-NOTE-1");

        Assert.Equal("call 138****5678 or l***@example.com", masked.BuyerNote);
        Assert.Equal("courier Wang 139****1111", masked.Tracking.Single().Description);
        Assert.Contains(maskedHistory, h => h.Reason == "courier Wang 139****1111");
        Assert.DoesNotContain(maskedHistory, h => h.Reason is { } reason && reason.Contains("13900001111", StringComparison.Ordinal));
        Assert.Equal(Note, plain.BuyerNote);
        Assert.Equal(Scan, plain.Tracking.Single().Description);
    }

    private static Task<ApiTestHost> StartAsync() =>
        ApiTestHost.StartAsync("sqlite", new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero)));

    /// <summary>
    /// A: the probe's order (ten-digit phone, unit price 60000 over the approval threshold and under its SKU's floor,
    /// a blacklisted street), then moved to another address on that street; B: 10 paid with 5; C: refunded 4321.5 of
    /// 8765.4, received by a warehouse key, whose answer is returned.
    /// </summary>
    private static async Task<string> PlaceOrdersWithSensitiveTextsAsync(ApiTestHost host)
    {
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 10);
        await admin.ReceiveStockAsync("SKU-P", 5);
        await SucceedsAsync(admin.PutAsJsonAsync("/api/rules/exceptions", new
        {
            blacklisted = new { addressFragments = new[] { BlacklistedFragment } },
            priceAnomaly = new { floors = new Dictionary<string, decimal> { ["SKU-P"] = 70_000m } },
        }));

        await SucceedsAsync(admin.PostAsJsonAsync("/api/orders", Checkout("MASK-A", InvalidPhone, "Xingfu Road 88", "SKU-P", 60_000m)));
        await SucceedsAsync(admin.PatchAsJsonAsync("/api/orders/own-MASK-A/address", new AddressPatchRequest(null, null, null, "Xingfu Road 99", "moved to Xingfu Road 99")));

        await SucceedsAsync(admin.PostAsJsonAsync("/api/orders", Checkout("MASK-B", "13800000002", "Wensan Road 2", "SKU-1", 10m)));
        await SucceedsAsync(admin.PostAsJsonAsync("/api/orders/own-MASK-B/payment", new PaymentRequest("pay-b", 5m)));

        await SucceedsAsync(admin.PostAsJsonAsync("/api/orders", Checkout("MASK-C", "13800000003", "Wensan Road 3", "SKU-1", 8_765.4m)));
        await SucceedsAsync(admin.PostAsJsonAsync("/api/orders/own-MASK-C/payment", new PaymentRequest("pay-c", 8_765.4m)));
        await SucceedsAsync(admin.PostAsJsonAsync("/api/orders/own-MASK-C/allocate", new AllocateRequest()));
        await SucceedsAsync(admin.PostAsync("/api/orders/own-MASK-C/pack", null));
        await SucceedsAsync(admin.PostAsJsonAsync("/api/orders/own-MASK-C/ship", new ShipRequest("SF", "SF100200300")));
        await SucceedsAsync(admin.PostAsJsonAsync("/api/orders/own-MASK-C/return-requests", new ReasonRequest("wrong size")));
        var warehouse = await host.WithRolesAsync(ApiRoles.Warehouse);
        var received = await SucceedsAsync(warehouse.PostAsJsonAsync("/api/orders/own-MASK-C/returns/receive", new ReceiveReturnRequest(RefundAmount: 4_321.5m)));
        return await received.Content.ReadAsStringAsync();
    }

    private static CreateOrderRequest Checkout(string number, string phone, string street, string sku, decimal unitPrice) =>
        new(number, new CustomerInput("Li Si", phone), new AddressInput("浙江省", "杭州市", "西湖区", street), [new OrderLineInput(sku, 1, unitPrice)]);

    private static async Task<HttpResponseMessage> SucceedsAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private static async Task<List<(string Url, string Body)>> GetAllAsync(HttpClient client)
    {
        var answers = new List<(string, string)>();
        foreach (var url in Urls)
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add((url, await response.Content.ReadAsStringAsync()));
        }

        return answers;
    }

    private static List<string> Leaks(IEnumerable<(string Url, string Body)> answers, string[] secrets) =>
        [.. from a in answers from s in secrets where a.Body.Contains(s, StringComparison.Ordinal) select $"{a.Url} names '{s}'"];

    private static string Detail(OrderDto order, string code) => order.Holds.Single(h => h.Code == code).Detail;
}

using System.Net;
using System.Net.Http.Json;
using OrderActors.Api.Channels;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// The buyer changes the delivery address on the marketplace after the order arrived (lifecycle probe): the update was
/// answered <c>duplicate: true</c> and the order shipped to the old address. Updates are now ordered by the channel's
/// modification time (Taobao <c>modified</c>), and what a newer address does depends on how far the goods have gone.
/// </summary>
public sealed class ChannelAddressChangeTests
{
    private const string OldDetail = "文三路 100 号";
    private const string NewDetail = "文一西路 969 号";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoNewerAddress_BeforeAllocation_TakesItRunsTheAddressCheckAndRecordsIt(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-AC-1", 5);
        await host.PostWebhookAsync("taobao", Taobao("8001", "SKU-AC-1", "2026-11-21 10:20:00"));

        // The buyer moves to an address without a district (the check holds it), then completes it (released).
        var incomplete = await host.PostWebhookAsync("taobao", Taobao("8001", "SKU-AC-1", "2026-11-21 11:00:00", district: "", detail: NewDetail, mobile: "13955556666"));
        var held = await admin.GetOrderAsync("taobao-8001");
        var complete = await host.PostWebhookAsync("taobao", Taobao("8001", "SKU-AC-1", "2026-11-21 11:05:00", detail: NewDetail, mobile: "13955556666"));
        var again = await host.PostWebhookAsync("taobao", Taobao("8001", "SKU-AC-1", "2026-11-21 11:05:00", detail: NewDetail, mobile: "13955556666"));

        Assert.Equal(new WebhookAccepted("taobao-8001", Duplicate: false), await incomplete.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(("", NewDetail), (held.Address.District, held.Address.Detail));
        Assert.Equal(["address_incomplete"], held.Holds.Select(h => h.Code));
        Assert.Equal(new WebhookAccepted("taobao-8001", Duplicate: false), await complete.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(new WebhookAccepted("taobao-8001", Duplicate: true), await again.Content.ReadFromJsonAsync<WebhookAccepted>());
        var order = await admin.GetOrderAsync("taobao-8001");
        Assert.Equal(new AddressDto("浙江省", "杭州市", "西湖区", NewDetail), order.Address);
        Assert.Empty(order.Holds);
        Assert.Equal("Paid", order.Status);

        // The receiver's phone goes on the label; the order stays with the customer who placed it.
        Assert.Equal(new CustomerDto("张三", "13955556666"), order.Receiver);
        Assert.Equal("13812345678", order.Customer.Phone);
        var history = (await admin.GetFromJsonAsync<List<OrderHistoryDto>>("/api/orders/taobao-8001/history"))!;
        var changes = history.Where(h => h.Type == "order.address_changed_on_channel").ToList();
        Assert.Equal(2, changes.Count);
        Assert.Contains(changes[0].Changes, c => c == new FieldChangeDto("receiver.phone", "13812345678", "13955556666"));
        Assert.Contains(changes[1].Changes, c => c == new FieldChangeDto("address.district", "", "西湖区"));
        Assert.Equal(["hold:address_incomplete"], history.Where(h => h.Type == "order.hold_released").SelectMany(h => h.Changes).Select(c => c.Field));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoAddress_NotNewerThanTheLastTaken_ChangesNothing(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-AC-2", 5);
        await host.PostWebhookAsync("taobao", Taobao("8002", "SKU-AC-2", "2026-11-21 10:20:00"));

        // Older than the payload that placed the order.
        var older = await host.PostWebhookAsync("taobao", Taobao("8002", "SKU-AC-2", "2026-11-21 10:10:00", detail: NewDetail));
        var placed = await admin.GetOrderAsync("taobao-8002");

        // A newer one is taken; then the one in between arrives late and must not undo it.
        await host.PostWebhookAsync("taobao", Taobao("8002", "SKU-AC-2", "2026-11-21 12:00:00", detail: NewDetail));
        var late = await host.PostWebhookAsync("taobao", Taobao("8002", "SKU-AC-2", "2026-11-21 11:00:00", detail: "教工路 1 号"));

        Assert.Equal(new WebhookAccepted("taobao-8002", Duplicate: true), await older.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(OldDetail, placed.Address.Detail);
        Assert.Equal(new WebhookAccepted("taobao-8002", Duplicate: true), await late.Content.ReadFromJsonAsync<WebhookAccepted>());
        // Versions are not compared: the sample's pay time is weeks old, so SLA breaches may be appended meanwhile.
        Assert.Equal(NewDetail, (await admin.GetOrderAsync("taobao-8002")).Address.Detail);
        var history = (await admin.GetFromJsonAsync<List<OrderHistoryDto>>("/api/orders/taobao-8002/history"))!;
        Assert.Single(history, h => h.Type == "order.address_changed_on_channel");
    }

    /// <summary>
    /// The buyer changed the address to another and back; the channel's deliveries arrive newest first. The newest said
    /// the address the order had, so its time was not kept, and the one in between was then taken as newer.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoAddress_ChangedAndChangedBack_ArrivingNewestFirst_KeepsTheNewest(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-AC-7", 5);
        await host.PostWebhookAsync("taobao", Taobao("8008", "SKU-AC-7", "2026-11-21 10:20:00"));

        var back = await host.PostWebhookAsync("taobao", Taobao("8008", "SKU-AC-7", "2026-11-21 12:00:00"));
        var history = await EventTypesAsync(admin, "taobao-8008");
        var redelivered = await host.PostWebhookAsync("taobao", Taobao("8008", "SKU-AC-7", "2026-11-21 12:00:00"));
        var between = await host.PostWebhookAsync("taobao", Taobao("8008", "SKU-AC-7", "2026-11-21 11:00:00", detail: NewDetail));

        var order = await admin.GetOrderAsync("taobao-8008");
        Assert.Equal(("Paid", OldDetail), (order.Status, order.Address.Detail));
        Assert.Equal(new WebhookAccepted("taobao-8008", Duplicate: false), await back.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(new WebhookAccepted("taobao-8008", Duplicate: true), await redelivered.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(new WebhookAccepted("taobao-8008", Duplicate: true), await between.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Empty(order.Holds);
        Assert.Equal(history, await EventTypesAsync(admin, "taobao-8008"));
        Assert.DoesNotContain("order.address_changed_on_channel", history);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoNewerAddress_AfterPacking_TakesItAndHoldsTheOrderUntilAPersonReleasesIt(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-AC-3", 5);
        await host.PostWebhookAsync("taobao", Taobao("8003", "SKU-AC-3", "2026-11-21 10:20:00"));
        await admin.AllocateAndPackAsync("taobao-8003");

        var change = await host.PostWebhookAsync("taobao", Taobao("8003", "SKU-AC-3", "2026-11-21 11:00:00", detail: NewDetail));
        var again = await host.PostWebhookAsync("taobao", Taobao("8003", "SKU-AC-3", "2026-11-21 11:00:00", detail: NewDetail));
        var ship = await admin.PostAsJsonAsync("/api/orders/taobao-8003/ship", new ShipRequest("SF", "SF8003"));

        Assert.Equal(new WebhookAccepted("taobao-8003", Duplicate: false), await change.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(new WebhookAccepted("taobao-8003", Duplicate: true), await again.Content.ReadFromJsonAsync<WebhookAccepted>());
        await ProblemAssert.IsAsync(ship, HttpStatusCode.Conflict, "order.on_hold", null);
        var order = await admin.GetOrderAsync("taobao-8003");
        Assert.Equal(("Packed", NewDetail), (order.Status, order.Address.Detail));
        var hold = Assert.Single(order.Holds);
        Assert.Equal("address_changed_on_channel", hold.Code);
        Assert.StartsWith("address changed on the channel after allocation", hold.Detail, StringComparison.Ordinal);

        (await admin.PostAsJsonAsync("/api/orders/taobao-8003/holds/address_changed_on_channel/release", new ReasonRequest("relabelled"))).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders/taobao-8003/ship", new ShipRequest("SF", "SF8003"))).EnsureSuccessStatusCode();
        Assert.Equal("Shipped", (await admin.GetOrderAsync("taobao-8003")).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoNewerAddress_AfterShipping_IsOnlyRecorded(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-AC-4", 5);
        await host.PostWebhookAsync("taobao", Taobao("8004", "SKU-AC-4", "2026-11-21 10:20:00"));
        await admin.AllocateAndPackAsync("taobao-8004");
        (await admin.PostAsJsonAsync("/api/orders/taobao-8004/ship", new ShipRequest("SF", "SF8004"))).EnsureSuccessStatusCode();

        var change = await host.PostWebhookAsync("taobao", Taobao("8004", "SKU-AC-4", "2026-11-21 11:00:00", detail: NewDetail));
        var again = await host.PostWebhookAsync("taobao", Taobao("8004", "SKU-AC-4", "2026-11-21 11:00:00", detail: NewDetail));

        Assert.Equal(new WebhookAccepted("taobao-8004", Duplicate: false), await change.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(new WebhookAccepted("taobao-8004", Duplicate: true), await again.Content.ReadFromJsonAsync<WebhookAccepted>());
        var order = await admin.GetOrderAsync("taobao-8004");
        Assert.Equal(("Shipped", OldDetail), (order.Status, order.Address.Detail));
        Assert.Empty(order.Holds);
        var history = (await admin.GetFromJsonAsync<List<OrderHistoryDto>>("/api/orders/taobao-8004/history"))!;
        var recorded = Assert.Single(history, h => h.Type == "order.address_changed_on_channel");
        Assert.Equal((null, "changed on the channel after shipping; not applied"), (recorded.ToStatus, recorded.Reason));
        Assert.Contains(recorded.Changes, c => c == new FieldChangeDto("address.detail", OldDetail, NewDetail));
    }

    /// <summary>A split order ships in parts, each allocated to its warehouse: each part takes the address and is held.</summary>
    [Fact]
    public async Task TaobaoNewerAddress_AfterSplit_ReachesEveryPartAndHoldsEach()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-AC-S1", 5, "SZ");
        await admin.ReceiveStockAsync("SKU-AC-S2", 5, "HZ");
        string TwoWarehouses(string modified, string detail) => Taobao("8007", "SKU-AC-S1", modified, detail: detail).Replace(
            "}]}",
            """}, {"oid": "2", "outer_sku_id": "SKU-AC-S2", "num": 2, "price": "99.50"}]}""",
            StringComparison.Ordinal).Replace("\"payment\": \"199.00\"", "\"payment\": \"398.00\"", StringComparison.Ordinal);
        await host.PostWebhookAsync("taobao", TwoWarehouses("2026-11-21 10:20:00", OldDetail));
        (await admin.PostAsJsonAsync("/api/orders/taobao-8007/split", new ReasonRequest("two warehouses"))).EnsureSuccessStatusCode();

        var change = await host.PostWebhookAsync("taobao", TwoWarehouses("2026-11-21 11:00:00", NewDetail));
        var again = await host.PostWebhookAsync("taobao", TwoWarehouses("2026-11-21 11:00:00", NewDetail));

        Assert.Equal(new WebhookAccepted("taobao-8007", Duplicate: false), await change.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(new WebhookAccepted("taobao-8007", Duplicate: true), await again.Content.ReadFromJsonAsync<WebhookAccepted>());
        var parent = await admin.GetOrderAsync("taobao-8007");
        Assert.Equal(("Split", NewDetail, 2), (parent.Status, parent.Address.Detail, parent.ChildOrderIds.Count));
        foreach (var id in parent.ChildOrderIds)
        {
            var part = await admin.GetOrderAsync(id);
            Assert.Equal(("Allocated", NewDetail), (part.Status, part.Address.Detail));
            Assert.Equal(["address_changed_on_channel"], part.Holds.Select(h => h.Code));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoModifiedTime_NotATime_Is400NamingModifiedAtAndChangesNothing(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-AC-5", 5);
        await host.PostWebhookAsync("taobao", Taobao("8005", "SKU-AC-5", "2026-11-21 10:20:00"));

        var response = await host.PostWebhookAsync("taobao", Taobao("8005", "SKU-AC-5", "yesterday", detail: NewDetail));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "channel.payload_invalid", null);
        Assert.True(problem.GetProperty("errors").TryGetProperty(CanonicalFields.ModifiedAt, out _), problem.ToString());
        Assert.Equal(OldDetail, (await admin.GetOrderAsync("taobao-8005")).Address.Detail);
        var history = (await admin.GetFromJsonAsync<List<OrderHistoryDto>>("/api/orders/taobao-8005/history"))!;
        Assert.DoesNotContain(history, h => h.Type == "order.address_changed_on_channel");
    }

    /// <summary>A mapping that reads no modification time cannot order updates: the address is never changed by one.</summary>
    [Fact]
    public async Task MappingWithoutModifiedTime_NewAddress_ChangesNothing()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        var fields = DefaultChannelMappings.Taobao.Fields!.Where(f => f.Key != CanonicalFields.ModifiedAt).ToDictionary();
        (await admin.PutAsJsonAsync("/api/channels/taobao/mapping", DefaultChannelMappings.Taobao with { Fields = fields })).EnsureSuccessStatusCode();
        await admin.ReceiveStockAsync("SKU-AC-6", 5);
        await host.PostWebhookAsync("taobao", Taobao("8006", "SKU-AC-6", "2026-11-21 10:20:00"));

        var change = await host.PostWebhookAsync("taobao", Taobao("8006", "SKU-AC-6", "2026-11-21 11:00:00", detail: NewDetail));

        Assert.Equal(new WebhookAccepted("taobao-8006", Duplicate: true), await change.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(OldDetail, (await admin.GetOrderAsync("taobao-8006")).Address.Detail);
    }

    private static async Task<List<string>> EventTypesAsync(HttpClient admin, string id) =>
        [.. (await admin.GetFromJsonAsync<List<OrderHistoryDto>>($"/api/orders/{id}/history"))!.Select(h => h.Type).Where(t => t != "order.sla_breached")];

    /// <summary>Taobao's trade as <see cref="ChannelPayloads.Taobao"/> sends it, with its <c>modified</c> time and the receiver's address and mobile.</summary>
    private static string Taobao(string tid, string sku, string modified, string district = "西湖区", string detail = OldDetail, string mobile = "13812345678") =>
        ChannelPayloads.Taobao(tid, sku, num: 2)
            .Replace("\"status\": ", $"\"modified\": \"{modified}\", \"status\": ", StringComparison.Ordinal)
            .Replace("\"receiver_district\": \"西湖区\"", $"\"receiver_district\": \"{district}\"", StringComparison.Ordinal)
            .Replace(OldDetail, detail, StringComparison.Ordinal)
            .Replace("13812345678", mobile, StringComparison.Ordinal);
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Client.Contracts;
using OrderActors.Grains.Customers;
using OrderActors.Runtime;

namespace OrderActors.Tests.Api;

/// <summary>
/// One buyer's two Taobao orders merged into one shipment, for the tests of what happens to a merge afterwards (a
/// cancellation on the channel or by a person, an address change, a partial refund).
/// </summary>
internal static class MergedOrders
{
    public const string Target = "taobao-M1";
    public const string MergedIn = "taobao-M2";

    /// <summary>
    /// Places <c>taobao-M1</c> (2 × SKU-MC1, 199.00 paid) and <c>taobao-M2</c> (1 × SKU-MC1 and 1 × SKU-MC2, 199.00 paid)
    /// of one buyer, 10 of each SKU in SZ, and merges M2 into M1. Returns the payload of M2 (or of M1) and the phone.
    /// </summary>
    public static async Task<(string Payload, string Phone)> MergedAsync(ApiTestHost host, HttpClient admin, string phone, bool cancelTarget = false)
    {
        await admin.ReceiveStockAsync("SKU-MC1", 10);
        await admin.ReceiveStockAsync("SKU-MC2", 10);
        var target = Trade("M1", phone, ("SKU-MC1", 2));
        var merged = Trade("M2", phone, ("SKU-MC1", 1), ("SKU-MC2", 1));
        (await host.PostWebhookAsync("taobao", target)).EnsureSuccessStatusCode();
        (await host.PostWebhookAsync("taobao", merged)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders/merge", new MergeRequest(Target, [MergedIn]))).EnsureSuccessStatusCode();
        var view = await admin.GetOrderAsync(Target);
        Assert.Equal([MergedIn], view.MergedFrom);
        Assert.Equal((4, 398.00m), (view.Lines.Sum(l => l.Quantity), view.PaidAmount!.Value));
        await admin.AssertStockAsync("SKU-MC1", (10, 3, 0, 7));
        return (cancelTarget ? target : merged, phone);
    }

    /// <summary>A paid Taobao trade (99.50 a unit) with the platform's field names, as <see cref="ChannelPayloads.Taobao"/>, of several lines.</summary>
    public static string Trade(string tid, string phone, params (string Sku, int Num)[] lines)
    {
        var payment = (lines.Sum(l => l.Num) * 99.50m).ToString("0.00", CultureInfo.InvariantCulture);
        var items = string.Join(", ", lines.Select((l, i) => $$"""{"oid": "{{i + 1}}", "outer_sku_id": "{{l.Sku}}", "num": {{l.Num}}, "price": "99.50"}"""));
        return $$"""
            {"tid": "{{tid}}", "status": "WAIT_SELLER_SEND_GOODS", "receiver_name": "张三", "receiver_mobile": "{{phone}}",
             "receiver_state": "浙江省", "receiver_city": "杭州市", "receiver_district": "西湖区", "receiver_address": "文三路 100 号",
             "payment": "{{payment}}", "pay_time": "2026-11-21 10:15:00", "orders": [{{items}}]}
            """;
    }

    /// <summary>The trade as the buyer changed it on Taobao at <paramref name="modified"/>: to <paramref name="detail"/> (street and number).</summary>
    public static string Modified(string payload, string modified, string detail = "文三路 100 号") =>
        payload.Replace("\"status\": ", $"\"modified\": \"{modified}\", \"status\": ", StringComparison.Ordinal)
            .Replace("文三路 100 号", detail, StringComparison.Ordinal);

    public static string Closing(string payload) => payload.Replace("WAIT_SELLER_SEND_GOODS", "TRADE_CLOSED_BY_TAOBAO", StringComparison.Ordinal);

    /// <summary>The order's history event types, without SLA breaches (the sample trades were paid weeks ago).</summary>
    public static async Task<List<string>> HistoryAsync(HttpClient admin, string id) =>
        [.. (await admin.GetFromJsonAsync<List<OrderHistoryDto>>($"/api/orders/{id}/history"))!.Select(h => h.Type).Where(t => t != "order.sla_breached")];

    /// <summary>What the buyer's customer record counts as refunded for each of the two orders.</summary>
    public static async Task AssertRefundedAsync(ApiTestHost host, string phone, decimal target, decimal mergedIn)
    {
        var customer = await CustomerAsync(host, phone);
        Assert.Equal(
            (target, mergedIn),
            (customer.Orders.Single(o => o.OrderId == Target).Refunded, customer.Orders.Single(o => o.OrderId == MergedIn).Refunded));
    }

    public static Task<CustomerView> CustomerAsync(ApiTestHost host, string phone)
    {
        Assert.True(PhoneNumbers.TryNormalize(phone, out var key));
        return host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICustomerGrain>(key).GetAsync();
    }

    /// <summary>Sends the buyer's cancellation of <paramref name="id"/> (whose trade is <paramref name="payload"/>) through <paramref name="entry"/>; <paramref name="attempt"/> tells the channel's deliveries apart.</summary>
    public static Task<HttpResponseMessage> CancelAsync(ApiTestHost host, HttpClient admin, MergedOrderCancelEntry entry, string id, string payload, int attempt = 1) => entry switch
    {
        MergedOrderCancelEntry.Channel => host.PostWebhookAsync("taobao", Closing(payload), deliveryId: $"{id}-cancel-{attempt}"),
        MergedOrderCancelEntry.Staff => admin.PostAsJsonAsync($"/api/orders/{id}/cancel", new ReasonRequest("buyer called: not needed")),
        _ => admin.PostAsJsonAsync($"/api/orders/{id}/return-requests", new ReasonRequest("buyer: changed my mind")),
    };

    /// <summary>The reason the order records for a cancellation through <paramref name="entry"/> (its cancel or return reason).</summary>
    public static string ReasonOf(MergedOrderCancelEntry entry) => entry switch
    {
        MergedOrderCancelEntry.Channel => "cancelled on the channel",
        MergedOrderCancelEntry.Staff => "buyer called: not needed",
        _ => "refund requested: buyer: changed my mind",
    };

    /// <summary>Both answers 200; the channel's say the first was news and its redelivery a duplicate.</summary>
    public static async Task AssertAcceptedAsync(MergedOrderCancelEntry entry, string id, HttpResponseMessage first, HttpResponseMessage again)
    {
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        if (entry == MergedOrderCancelEntry.Channel)
        {
            Assert.Equal(new WebhookAccepted(id, Duplicate: false), await first.Content.ReadFromJsonAsync<WebhookAccepted>());
            Assert.Equal(new WebhookAccepted(id, Duplicate: true), await again.Content.ReadFromJsonAsync<WebhookAccepted>());
        }
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrderActors.Bench.Load;

/// <summary>Request bodies of the scenarios, built as UTF-8 JSON once per request.</summary>
public static class Payloads
{
    /// <summary>
    /// Buyer numbers of warm-up orders start here, so a warm-up buyer's phone (customer grain) is never a measured
    /// buyer's, and every measured customer has exactly the orders the measured run placed.
    /// </summary>
    public const int WarmupBuyers = 50_000_000;

    public static string Sku(int i) => $"SKU-{i:D5}";

    /// <summary>The warm-up's own SKUs, so the measured SKUs' stock and reservations are untouched by it.</summary>
    public static string WarmupSku(int i) => $"WARM-{i:D5}";

    public static string Phone(int i) => (13000000000L + i).ToString(CultureInfo.InvariantCulture);

    public static byte[] OwnOrder(string externalOrderNo, int buyer, IReadOnlyList<(string Sku, int Quantity)> lines)
    {
        var json = new StringBuilder(400);
        json.Append(CultureInfo.InvariantCulture, $$"""{"externalOrderNo":"{{externalOrderNo}}","customer":{"name":"Buyer {{buyer}}","phone":"{{Phone(buyer)}}"},""");
        json.Append(CultureInfo.InvariantCulture, $$"""
            "address":{"province":"Zhejiang","city":"Hangzhou","district":"Xihu","detail":"{{buyer % 997 + 1}} Wensan Road, room {{buyer % 89 + 1}}"},"lines":[
            """);
        for (var i = 0; i < lines.Count; i++)
        {
            json.Append(i == 0 ? string.Empty : ",");
            json.Append(CultureInfo.InvariantCulture, $$"""{"sku":"{{lines[i].Sku}}","quantity":{{lines[i].Quantity}},"unitPrice":19.90}""");
        }

        json.Append("]}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    public static decimal Total(IReadOnlyList<(string Sku, int Quantity)> lines) => lines.Sum(l => l.Quantity * 19.90m);

    public static byte[] Payment(string paymentId, decimal amount) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"paymentId":"{{paymentId}}","amount":{{amount}}}"""));

    public static byte[] Receipt(int quantity) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"warehouse":"SZ","quantity":{{quantity}}}"""));

    /// <summary>
    /// A paid Shopify <c>orders/create</c> body. <paramref name="paidAt"/> is its <c>processed_at</c>: when the scenario
    /// started, as for orders paid while a storm is under way. (A fixed date put every order's SLA deadlines in the past
    /// once that date was a few hours old, so each delivery also cost the overdue marks and escalations of a breach.)
    /// </summary>
    public static byte[] ShopifyOrder(long id, int buyer, string sku, int quantity, DateTimeOffset paidAt) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""
            {"id":{{id}},"name":"#{{id}}","financial_status":"paid","total_price":"{{quantity * 25}}.00","note":null,"processed_at":"{{paidAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}}+00:00",
             "shipping_address":{"name":"Buyer {{buyer}}","phone":"+86 {{Phone(buyer)}}","province":"Shanghai","city":"Shanghai","address1":"{{buyer % 997 + 1}} Century Ave","address2":"Floor {{buyer % 30 + 1}}","zip":"200120"},
             "line_items":[{"id":1,"sku":"{{sku}}","quantity":{{quantity}},"price":"25.00"}]}
            """));

    public static string ShopifySignature(byte[] body, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>A deterministic number in [0, 1) for (seed, i): the scenarios' choices repeat from run to run.</summary>
    public static double Uniform(int seed, long i)
    {
        var x = (ulong)(i + 1) * 0x9E3779B97F4A7C15UL ^ (ulong)seed * 0xBF58476D1CE4E5B9UL;
        x ^= x >> 31;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 29;
        return (x >> 11) * (1.0 / (1UL << 53));
    }
}

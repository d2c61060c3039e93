using System.Text.Json;
using System.Text.Json.Serialization;
using OrderActors.Grains.Stock;
using OrderActors.Runtime.Journaling;

namespace OrderActors.Tests.Domain.Stock;

/// <summary>
/// An open holding's hand-written JSON is exactly what the serializer's defaults wrote before it (so snapshots taken
/// before still load, and new ones look the same), and reads back to the same holding.
/// </summary>
public sealed class StockHoldingEntryJsonTests
{
    public static TheoryData<string, int, int, string?, bool, string?, string[]?> Holdings => new()
    {
        { "r-1", 1, 1, "2026-12-06T10:30:00+00:00", false, null, null },
        { "o-\"\u00e9\u4e2d\ud83d\ude00", 2, 5, "2026-12-06T10:30:00.1234567+08:00", true, null, null },
        { "o-3", 4, 4, null, false, "SZ", null },
        { "o-4", 0, 3, "2026-12-06T10:30:00.5+00:00", true, "BJ", ["o-1", "o-2"] },
    };

    [Theory]
    [MemberData(nameof(Holdings))]
    public void Serialize_AnyHolding_WritesWhatTheSerializerDefaultsWroteAndReadsBack(
        string orderId, int quantity, int requested, string? expiresAt, bool confirmed, string? warehouse, string[]? transfersFrom)
    {
        var expires = expiresAt is null ? (DateTimeOffset?)null : DateTimeOffset.Parse(expiresAt, System.Globalization.CultureInfo.InvariantCulture);
        var entry = new StockHoldingEntry
        {
            OrderId = orderId, Quantity = quantity, Requested = requested, ExpiresAt = expires, Confirmed = confirmed, Warehouse = warehouse,
            TransfersFrom = transfersFrom?.ToList(),
        };
        var before = new HoldingAsTheSerializerWroteIt
        {
            OrderId = orderId, Quantity = quantity, Requested = requested, ExpiresAt = expires, Confirmed = confirmed, Warehouse = warehouse,
            TransfersFrom = transfersFrom?.ToList(),
        };

        var json = JsonSerializer.Serialize(entry, JournalJson.Options);
        var read = JsonSerializer.Deserialize<StockHoldingEntry>(json, JournalJson.Options)!;

        Assert.Equal(JsonSerializer.Serialize(before, JournalJson.Options), json);
        Assert.Equal(
            (orderId, quantity, requested, expires, confirmed, warehouse),
            (read.OrderId, read.Quantity, read.Requested, read.ExpiresAt, read.Confirmed, read.Warehouse));
        Assert.Equal(transfersFrom, read.TransfersFrom?.ToArray());
    }

    [Fact]
    public void Deserialize_OtherCaseExplicitDefaultsAndUnknownFields_ReadsTheHolding()
    {
        const string json = """{"OrderId":"o-9","QUANTITY":2,"requested":2,"expiresAt":null,"confirmed":false,"warehouse":null,"note":{"x":[1]}}""";

        var read = JsonSerializer.Deserialize<StockHoldingEntry>(json, JournalJson.Options)!;

        Assert.Equal(("o-9", 2, 2, (DateTimeOffset?)null, false, (string?)null), (read.OrderId, read.Quantity, read.Requested, read.ExpiresAt, read.Confirmed, read.Warehouse));
    }

    [Fact]
    public void Deserialize_WithoutOrderId_IsAJsonError()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<StockHoldingEntry>("""{"quantity":1}""", JournalJson.Options));
    }

    /// <summary>The holding's shape before its converter: what the serializer's defaults made of these attributes.</summary>
    private sealed class HoldingAsTheSerializerWroteIt
    {
        public required string OrderId { get; set; }

        public int Quantity { get; set; }

        public int Requested { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public DateTimeOffset? ExpiresAt { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
        public bool Confirmed { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Warehouse { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<string>? TransfersFrom { get; set; }
    }
}

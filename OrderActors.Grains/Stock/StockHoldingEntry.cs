using System.Text.Json.Serialization;

namespace OrderActors.Grains.Stock;

/// <summary>An open holding of one order: reserved (maybe confirmed) or allocated to <see cref="Warehouse"/>.</summary>
public sealed class StockHoldingEntry
{
    public required string OrderId { get; set; }

    public int Quantity { get; set; }

    /// <summary>What the order asked for; more than <see cref="Quantity"/> when it was reserved short.</summary>
    public int Requested { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ExpiresAt { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Confirmed { get; set; }

    /// <summary>Set once allocated.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Warehouse { get; set; }

    /// <summary>Orders that transferred units into this one (makes a repeated transfer a no-op).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? TransfersFrom { get; set; }

    /// <summary>Only an unconfirmed, unallocated reservation expires.</summary>
    [JsonIgnore]
    public bool CanExpire => ExpiresAt is not null && !Confirmed && Warehouse is null;

    [JsonIgnore]
    public HoldingStatus Status => Warehouse is not null ? HoldingStatus.Allocated : Confirmed ? HoldingStatus.Confirmed : HoldingStatus.Reserved;
}

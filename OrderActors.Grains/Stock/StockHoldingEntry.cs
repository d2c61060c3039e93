using System.Text.Json.Serialization;
using OrderActors.Grains.Stock.Json;

namespace OrderActors.Grains.Stock;

/// <summary>An open holding of one order: reserved (maybe confirmed) or allocated to <see cref="Warehouse"/>.</summary>
[JsonConverter(typeof(StockHoldingEntryJsonConverter))]
public sealed class StockHoldingEntry
{
    public required string OrderId { get; set; }

    public int Quantity { get; set; }

    /// <summary>What the order asked for; more than <see cref="Quantity"/> when it was reserved short.</summary>
    public int Requested { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public bool Confirmed { get; set; }

    /// <summary>Set once allocated.</summary>
    public string? Warehouse { get; set; }

    /// <summary>
    /// Units of this reservation sold on the presale allowance (beyond what was on hand) whose goods the order still waits
    /// for; 0 once covered by received goods or allocated.
    /// </summary>
    public int Presale { get; set; }

    /// <summary>Where the holding stands in the SKU's presale queue (see <see cref="SkuStockState.PresaleQueue"/>); 0 when never presale.</summary>
    public long PresaleSeq { get; set; }

    /// <summary>Orders that transferred units into this one (makes a repeated transfer a no-op).</summary>
    public List<string>? TransfersFrom { get; set; }

    /// <summary>Only an unconfirmed, unallocated reservation expires.</summary>
    public bool CanExpire => ExpiresAt is not null && !Confirmed && Warehouse is null;

    public HoldingStatus Status => Warehouse is not null ? HoldingStatus.Allocated : Confirmed ? HoldingStatus.Confirmed : HoldingStatus.Reserved;
}

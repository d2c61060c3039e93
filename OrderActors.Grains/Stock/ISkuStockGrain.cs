using OrderActors.Runtime;

namespace OrderActors.Grains.Stock;

/// <summary>
/// The stock pool of one SKU (key: SKU code). Every stock change for the SKU runs through this grain one call at a
/// time, so two orders can never both take the last unit. Invariant after every call:
/// <c>reserved + allocated ≤ on-hand + presale allowance</c>, nothing negative.
/// Order-level operations are idempotent by order id: repeating one changes nothing and answers the same.
/// </summary>
public interface ISkuStockGrain : IGrainWithStringKey
{
    /// <summary>Goods received into a warehouse (on-hand increases). With a <see cref="StockReceipt.ReceiptId"/> a repeat changes nothing.</summary>
    Task<StockView> ReceiveAsync(StockReceipt receipt);

    /// <summary>A stock count sets a warehouse's on-hand; refused (<c>stock.count_below_committed</c>) if it would leave committed stock uncovered.</summary>
    Task<StockView> CountAsync(StockCount count);

    /// <summary>Safety stock, low-stock threshold and presale allowance.</summary>
    Task<StockView> ConfigureAsync(StockSettings settings);

    /// <summary>
    /// Ensures the order holds <see cref="ReserveStock.Quantity"/> units. Not enough sellable stock: nothing changes and
    /// <see cref="ReservationResult.Accepted"/> is false, unless <see cref="ReserveStock.AllowShortage"/>, which reserves
    /// what there is and reports the rest as <see cref="ReservationResult.Shortage"/>. Calling again for the same order
    /// returns the existing reservation, topping it up towards the requested quantity if it was short.
    /// </summary>
    Task<ReservationResult> ReserveAsync(ReserveStock command);

    /// <summary>Releases whatever the order holds (reservation or allocation). Releasing an order that holds nothing changes nothing.</summary>
    Task<StockHolding> ReleaseAsync(ReleaseStock command);

    /// <summary>
    /// Payment arrived: the reservation no longer expires. Fails with <c>stock.reservation_expired</c> if it already expired.
    /// Presale units the goods on hand cover stop waiting in the same write; the answer's
    /// <see cref="StockHolding.AwaitingGoods"/> says how many still wait.
    /// </summary>
    Task<StockHolding> ConfirmAsync(ConfirmStock command);

    /// <summary>Turns the order's reservation into an allocation in one warehouse; fails with <c>stock.warehouse_insufficient</c> if that warehouse cannot cover it.</summary>
    Task<StockHolding> AllocateAsync(AllocateStock command);

    /// <summary>Takes back the order's allocation in a warehouse (it holds the units as a reservation again); no allocation there changes nothing.</summary>
    Task<StockHolding> UnallocateAsync(UnallocateStock command);

    /// <summary>The allocation leaves the warehouse: on-hand and allocated both decrease.</summary>
    Task<StockHolding> ShipAsync(ShipStock command);

    /// <summary>Returned goods are back on hand in a warehouse; idempotent by return id.</summary>
    Task<StockView> RestockAsync(RestockReturn command);

    /// <summary>
    /// Moves part of one order's (unallocated) reservation to another order atomically, for split and merge, so no
    /// other buyer can take the units in between. Idempotent per (from, to) pair.
    /// </summary>
    Task<StockHolding> TransferAsync(TransferReservation command);

    /// <summary>What the order holds of this SKU (status <see cref="HoldingStatus.None"/> when nothing), with its presale units still waiting for goods.</summary>
    Task<StockHolding> GetHoldingAsync(string orderId);

    /// <summary>Quantities and per-warehouse availability.</summary>
    Task<StockView> GetAsync();

    /// <summary>The grain's totals and every open reservation and allocation, for the ledger check.</summary>
    Task<StockLedger> GetLedgerAsync();
}

using OrderActors.Grains.Stock;

namespace OrderActors.Tests.Domain.Stock;

/// <summary>Drives the pure stock decisions against a state, applying every decided event and checking the invariant after each.</summary>
internal sealed class StockScenario
{
    public const string Sku = "SKU-1";

    public SkuStockState State { get; } = new();

    public List<object> Events { get; } = [];

    public DateTimeOffset Now { get; set; } = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    public StockView View => StockViews.ToView(Sku, State);

    public StockDecision Run(Func<SkuStockState, StockDecision> decide)
    {
        var decision = decide(State);
        foreach (var e in decision.Events)
        {
            State.Apply(e);
            Events.Add(e);
            Assert.Null(State.Levels.FindViolation());
        }

        return decision;
    }

    public void Receive(string warehouse, int quantity) => Run(s => StockDecisions.Receive(s, new StockReceipt(warehouse, quantity, "test")));

    public void Configure(int safety = 0, int threshold = 0, int presale = 0) =>
        Run(s => StockDecisions.Configure(s, Sku, new StockSettings(safety, threshold, presale, "test")));

    public ReservationResult Reserve(string orderId, int quantity, TimeSpan? hold = null, bool allowShortage = false, bool confirm = false)
    {
        var command = new ReserveStock(orderId, quantity, hold is null ? null : Now + hold.Value, allowShortage, "test", confirm);
        var decision = Run(s => StockDecisions.Reserve(s, command, Now));
        return StockViews.ToReservationResult(Sku, State, command, decision.Accepted);
    }

    public StockHolding Release(string orderId) => Holding(StockDecisions.Release(State, Sku, new ReleaseStock(orderId, "cancelled", "test")), orderId);

    public StockHolding Confirm(string orderId) => Holding(StockDecisions.Confirm(State, Sku, new ConfirmStock(orderId, "test")), orderId);

    public StockHolding Allocate(string orderId, string warehouse) => Holding(StockDecisions.Allocate(State, Sku, new AllocateStock(orderId, warehouse, "test")), orderId);

    public StockHolding Ship(string orderId) => Holding(StockDecisions.Ship(State, Sku, new ShipStock(orderId, "test")), orderId);

    public void Restock(string returnId, string warehouse, int quantity) => Run(s => StockDecisions.Restock(s, new RestockReturn(returnId, warehouse, quantity, "test")));

    public StockHolding Transfer(string from, string to, int quantity) =>
        Holding(StockDecisions.Transfer(State, Sku, new TransferReservation(from, to, quantity, "test")), to);

    public void Expire() => Run(s => StockDecisions.Expire(s, Now));

    private StockHolding Holding(StockDecision decision, string orderId)
    {
        Run(_ => decision);
        return StockViews.ToHolding(Sku, State, orderId);
    }
}

using OrderActors.Grains;
using OrderActors.Grains.Orders;
using OrderActors.Grains.Stock;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Domain.Stock;

namespace OrderActors.Tests.Domain.Ledger;

/// <summary>
/// A seeded random walk through the order lifecycle over a few SKUs: own-store and marketplace orders, payments,
/// cancellations, allocations (and splits), packing, shipping, delivery, returns, receipts, time passing (holds
/// expire) and restarts. Business refusals (<see cref="DomainException"/>) are expected and counted; anything else fails.
/// </summary>
internal sealed class RandomOrderRun(TestCluster cluster, int seed)
{
    private const string Actor = "random-run";
    private readonly Random _random = new(seed);
    private readonly List<string> _orders = [];
    private string[] _skus = [];
    private int _next;

    public Dictionary<string, int> Succeeded { get; } = new()
    {
        ["place"] = 0, ["refused"] = 0, ["pay"] = 0, ["cancel"] = 0, ["allocate"] = 0, ["split"] = 0, ["pack"] = 0,
        ["ship"] = 0, ["deliver"] = 0, ["complete"] = 0, ["return"] = 0, ["receive"] = 0, ["time"] = 0,
    };

    public static PlaceOrder Order(string channel, string number, string phone, params (string Sku, int Quantity)[] lines) => new()
    {
        Channel = channel,
        ExternalOrderNo = number,
        Customer = new CustomerContact("王五", phone),
        Address = new ShippingAddress("广东省", "深圳市", "南山区", $"科技园科苑路{number.Length + 10}号"),
        Lines = [.. lines.Select(l => new OrderLineRequest(l.Sku, l.Quantity, 10m))],
        Paid = channel != "own",
        PaymentId = channel != "own" ? $"pay-{number}" : null,
        Actor = Actor,
    };

    public async Task StockAsync(string[] skus, int quantity)
    {
        _skus = skus;
        foreach (var sku in skus)
        {
            await cluster.Stock(sku).ReceiveAsync(new StockReceipt("SZ", quantity, Actor));
            await cluster.Stock(sku).ReceiveAsync(new StockReceipt("BJ", quantity / 2, Actor));
        }
    }

    public async Task RunAsync(int steps, int restartEvery)
    {
        for (var step = 1; step <= steps; step++)
        {
            if (step % restartEvery == 0)
            {
                await cluster.RestartAsync();
            }

            var roll = _random.Next(100);
            try
            {
                if (roll < 30 || _orders.Count == 0)
                {
                    await PlaceAsync();
                }
                else if (roll < 36)
                {
                    await cluster.Stock(Pick(_skus)).ReceiveAsync(new StockReceipt(_random.Next(2) == 0 ? "SZ" : "BJ", _random.Next(1, 8), Actor));
                    Succeeded["receive"]++;
                }
                else if (roll < 39)
                {
                    await cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(_random.Next(1, 20)));
                    Succeeded["time"]++;
                }
                else
                {
                    await AdvanceAsync(Pick(_orders));
                }
            }
            catch (DomainException)
            {
                Succeeded["refused"]++;
            }
        }
    }

    private async Task PlaceAsync()
    {
        var channel = _random.Next(10) < 7 ? "own" : "taobao";
        var number = $"{++_next:D5}";
        var lines = _skus.OrderBy(_ => _random.Next()).Take(_random.Next(1, 3)).Select(s => (s, _random.Next(1, 4))).ToArray();
        var view = await cluster.GetGrain<IOrderGrain>(OrderKeys.For(channel, number)).PlaceAsync(Order(channel, number, $"139{_next:D8}", lines));
        _orders.Add(view.Id);
        Succeeded["place"]++;
    }

    private async Task AdvanceAsync(string id)
    {
        var order = cluster.GetGrain<IOrderGrain>(id);
        var view = await order.GetAsync();
        var coin = _random.Next(10);
        switch (view.Status)
        {
            case OrderStatus.PendingPayment when coin < 7:
                await order.ConfirmPaymentAsync(new ConfirmPayment($"pay-{id}", view.TotalAmount, Actor));
                Succeeded["pay"]++;
                break;
            case OrderStatus.PendingPayment or OrderStatus.Paid or OrderStatus.Allocated when coin < 2 || view.Blocked:
                await order.CancelAsync(new CancelOrder("changed mind", Actor));
                Succeeded["cancel"]++;
                break;
            case OrderStatus.Paid:
                await AllocateOrSplitAsync(order);
                break;
            case OrderStatus.Allocated:
                await order.PackAsync(new PackOrder(Actor));
                Succeeded["pack"]++;
                break;
            case OrderStatus.Packed:
                await order.ShipAsync(new ShipOrder("SF", $"SF{id}", Actor));
                Succeeded["ship"]++;
                break;
            case OrderStatus.Shipped when coin < 7:
            case OrderStatus.Delivered when coin < 5:
                if (view.Status == OrderStatus.Shipped)
                {
                    await order.DeliverAsync(new DeliverOrder(Actor));
                    Succeeded["deliver"]++;
                }
                else
                {
                    await order.CompleteAsync(new CompleteOrder(Actor));
                    Succeeded["complete"]++;
                }

                break;
            case OrderStatus.Shipped or OrderStatus.Delivered:
                await order.RequestReturnAsync(new RequestReturn("wrong size", Actor));
                break;
            case OrderStatus.ReturnRequested:
                await order.ReceiveReturnAsync(new ReceiveReturn(Actor, "SZ"));
                Succeeded["return"]++;
                break;
            default:
                break;
        }
    }

    private async Task AllocateOrSplitAsync(IOrderGrain order)
    {
        try
        {
            await order.AllocateAsync(new AllocateOrder(Actor));
            Succeeded["allocate"]++;
        }
        catch (DomainException e) when (e.Code == "order.split_required")
        {
            var parent = await order.SplitAsync(new SplitOrder(Actor, "no single warehouse"));
            _orders.AddRange(parent.ChildOrderIds);
            Succeeded["split"]++;
        }
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}

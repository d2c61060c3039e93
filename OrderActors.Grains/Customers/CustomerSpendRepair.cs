using Microsoft.Extensions.Logging;
using OrderActors.Grains.Orders;
using OrderActors.Grains.Rules;
using OrderActors.Runtime;
using OrderActors.Runtime.Hosting;
using OrderActors.Runtime.Storage;

namespace OrderActors.Grains.Customers;

/// <summary>
/// After an unclean stop: a placement records its order with the customer before the order's own append, so a kill in
/// between left a customer counting an order that does not exist (spend, tags, duplicate checks). The customers whose
/// last order falls in the stop's window (the <c>lastOrderAt</c> index) are read, and each of their orders placed in the
/// window is asked, in its own turn, whether it was stored (<see cref="IOrderGrain.ForgetUnstoredAtCustomerAsync"/>: a
/// placement of it in progress finishes first; one never stored has the customer forget it). Calls go order to customer
/// only, as everywhere. Idempotent: a stored order answers no, and a forgotten one is no longer the customer's.
/// </summary>
public sealed partial class CustomerSpendRepair(IGrainFactory grains, IGrainStorage storage, RulesCache rulesCache, ILogger<CustomerSpendRepair> logger)
    : IUncleanStopRecovery
{
    public const string Reason = "order never stored (unclean stop)";

    /// <summary>Customers read per index page (and a progress line per page).</summary>
    private const int PageSize = 100;

    /// <summary>Customers repaired at once: the repair shares the silo with the traffic that came back after the start.</summary>
    private const int MaxConcurrentCustomers = 4;

    public string Name => "customer-spend";

    public async Task<RecoveryReport> RecoverAsync(UncleanStop stop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stop);
        var duplicateWindow = (await rulesCache.GetAsync(grains)).Exceptions.SuspectedDuplicate.Window;
        var since = new IndexFilter(CustomerState.LastOrderAtEntry, IndexOperator.GreaterOrEqual, IndexValues.Time(stop.From));
        int customers = 0, asked = 0, forgotten = 0, failed = 0;
        string? afterKey = null;
        while (true)
        {
            // A customer whose last order is later (a new order since the start) is read too: its orders in the window
            // are the ones asked.
            var page = await storage.QueryIndexAsync(new IndexQuery(CustomerGrain.GrainTypeName, [since]) { AfterKey = afterKey, Limit = PageSize }, cancellationToken);
            await Parallel.ForEachAsync(page, new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentCustomers, CancellationToken = cancellationToken }, async (customer, _) =>
            {
                var (customerAsked, customerForgotten, customerFailed) = await RepairAsync(customer.GrainKey, stop, duplicateWindow);
                Interlocked.Add(ref asked, customerAsked);
                Interlocked.Add(ref forgotten, customerForgotten);
                Interlocked.Add(ref failed, customerFailed);
            });
            customers += page.Count;
            if (page.Count > 0)
            {
                Progress(customers, asked, forgotten, failed);
            }

            if (page.Count < PageSize)
            {
                return new RecoveryReport(Name, stop, asked, forgotten, failed);
            }

            afterKey = page[^1].GrainKey;
        }
    }

    /// <summary>One customer: its orders placed in the window, asked one after another.</summary>
    private async Task<(int Asked, int Forgotten, int Failed)> RepairAsync(string phone, UncleanStop stop, TimeSpan duplicateWindow)
    {
        int asked = 0, forgotten = 0;
        try
        {
            var view = await grains.GetGrain<ICustomerGrain>(phone).GetAsync();
            foreach (var order in view.Orders)
            {
                if (order.PlacedAt < stop.From || order.PlacedAt > stop.To)
                {
                    continue;
                }

                asked++;
                if (await grains.GetGrain<IOrderGrain>(order.OrderId).ForgetUnstoredAtCustomerAsync(new ForgetUnstoredAtCustomer(phone, Reason, OrderGrain.SystemActor, duplicateWindow)))
                {
                    forgotten++;
                    Forgotten(order.OrderId, order.Amount);
                }
            }

            return (asked, forgotten, 0);
        }
#pragma warning disable CA1031 // One customer not answered (storage, a timeout) is counted: the stop stays pending and is repaired again.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            CustomerFailed(exception);
            return (asked, forgotten, 1);
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Unclean-stop repair of customers: {Customers} customers read, {Asked} orders asked, {Forgotten} never stored and forgotten, {Failed} customers failed so far")]
    private partial void Progress(int customers, int asked, int forgotten, int failed);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Order {OrderId} was never stored: its customer no longer counts it ({Amount})")]
    private partial void Forgotten(string orderId, decimal amount);

    // No phone in the logs (personal data): the orders name the customer to whoever may see it.
    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Unclean-stop repair of one customer failed; the stop is repaired again")]
    private partial void CustomerFailed(Exception exception);
}

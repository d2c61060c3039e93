using OrderActors.Grains.Customers;

namespace OrderActors.Grains.Orders;

/// <summary>
/// Ledger repair. A paid order's stock is confirmed before its own append (so a stored paid order never finds its
/// stock expired); a crash between the two leaves the SKUs holding confirmed units for an order that does not exist.
/// A marketplace that delivers the order again heals that (the placement finds its holdings). If nobody does, the
/// units would stay held for ever: this releases them.
/// </summary>
public sealed partial class OrderGrain
{
    /// <summary>
    /// Runs in the order's own turn: a placement of this order in progress finishes first, and an order that exists
    /// (then or now) releases nothing. The SKUs' release is idempotent; a later placement reserves again.
    /// </summary>
    public async Task<IReadOnlyList<string>> ReleaseUnstoredStockAsync(ReleaseUnstoredStock command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.Actor))
        {
            throw DomainException.Validation("validation.required", "actor", "An actor is required.");
        }

        if (State.Exists)
        {
            return [];
        }

        var needs = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var sku in command.Skus ?? [])
        {
            if (!string.IsNullOrWhiteSpace(sku))
            {
                needs[sku.Trim()] = 0;
            }
        }

        if (needs.Count > 0)
        {
            await Stock(command.Actor).ReleaseAsync(needs, "order never stored (ledger repair)");
        }

        // No order lives under this key: nothing to keep in memory.
        DeactivateOnIdle();
        return [.. needs.Keys];
    }

    /// <summary>
    /// In the order's own turn, like <see cref="ReleaseUnstoredStockAsync"/>: a placement of this order in progress
    /// finishes first, so an order being stored is never taken back from its customer.
    /// </summary>
    public async Task<bool> ForgetUnstoredAtCustomerAsync(ForgetUnstoredAtCustomer command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.Actor) || string.IsNullOrWhiteSpace(command.Phone))
        {
            throw DomainException.Validation("validation.required", string.IsNullOrWhiteSpace(command.Actor) ? "actor" : "phone", "An actor and a phone are required.");
        }

        if (State.Exists)
        {
            return false;
        }

        await GrainFactory.GetGrain<ICustomerGrain>(command.Phone).ForgetOrderAsync(new ForgetCustomerOrder(Id, command.Reason, command.Actor, command.DuplicateWindow));
        DeactivateOnIdle();
        return true;
    }
}

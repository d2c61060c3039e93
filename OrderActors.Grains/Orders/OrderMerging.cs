using OrderActors.Grains.Customers;

namespace OrderActors.Grains.Orders;

/// <summary>Which orders may be merged: paid, not yet allocated, not held, same customer, address and shop; never cash on delivery or presale.</summary>
public static class OrderMerging
{
    public static void EnsureMergeable(OrderState state, string id)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status != OrderStatus.Paid)
        {
            throw DomainException.Conflict(OrderErrors.NotMergeable, $"Order '{id}' is {state.Status}; only paid, unallocated orders merge.");
        }

        if (state.PaymentMethod == PaymentMethods.CashOnDelivery || state.Presale)
        {
            throw DomainException.Conflict(OrderErrors.NotMergeable, $"Order '{id}' is cash on delivery or presale and never merges.");
        }

        if (state.ParentOrderId is not null || state.ChildOrderIds.Count > 0)
        {
            throw DomainException.Conflict(OrderErrors.NotMergeable, $"Order '{id}' is part of a split.");
        }

        if (state.Blocked)
        {
            throw DomainException.Conflict(OrderErrors.OnHold, $"Order '{id}' is on hold or awaiting approval.");
        }
    }

    public static void EnsureCompatible(OrderView target, OrderView other)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(other);
        if (other.Status != OrderStatus.Paid || other.PaymentMethod == PaymentMethods.CashOnDelivery || other.Presale || other.ParentOrderId is not null || other.Blocked)
        {
            throw DomainException.Conflict(OrderErrors.NotMergeable, $"Order '{other.Id}' is not an open, paid, unheld order that may merge.");
        }

        if (!string.Equals(target.Shop, other.Shop, StringComparison.Ordinal) || !string.Equals(target.Channel, other.Channel, StringComparison.Ordinal))
        {
            throw DomainException.Conflict(OrderErrors.NotMergeable, $"Order '{other.Id}' belongs to another shop.");
        }

        if (Phone(target.Customer.Phone) != Phone(other.Customer.Phone) || !SameAddress(target.Address, other.Address))
        {
            throw DomainException.Conflict(OrderErrors.NotMergeable, $"Order '{other.Id}' goes to another customer or address.");
        }
    }

    /// <summary>Whether the merged shipment <paramref name="target"/> already goes to this receiver and address (as a merge compares them).</summary>
    public static bool SameDestination(OrderView target, ShippingAddress address, CustomerContact receiver)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(receiver);
        var label = target.Receiver ?? target.Customer;
        return SameAddress(target.Address, address) && Phone(label.Phone) == Phone(receiver.Phone)
            && string.Equals(label.Name.Trim(), receiver.Name.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    private static string Phone(string phone) => PhoneNumbers.TryNormalize(phone, out var n) ? n : phone.Trim();

    private static bool SameAddress(ShippingAddress a, ShippingAddress b) =>
        string.Equals(a.ToString().Replace(" ", "", StringComparison.Ordinal), b.ToString().Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
}

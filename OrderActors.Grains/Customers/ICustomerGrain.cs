using OrderActors.Runtime;

namespace OrderActors.Grains.Customers;

/// <summary>
/// One customer across all channels (key: the phone normalised by <see cref="PhoneNumbers.Normalize"/>).
/// Records the customer's names, addresses, orders and spend, tags them (high value, churn risk) and spots a new
/// order that repeats a recent one from another channel.
/// </summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>Records an order (idempotent by order id) and says whether it looks like a duplicate of a recent order from another channel.</summary>
    Task<CustomerOrderResult> RecordOrderAsync(CustomerOrder order);

    /// <summary>Records a refund (or a cancellation: the full amount) against one of the customer's orders; idempotent by refund id.</summary>
    Task<CustomerView> RecordRefundAsync(CustomerRefund refund);

    /// <summary>Takes back a refund recorded by <see cref="RecordRefundAsync"/> (same order and refund id); idempotent.</summary>
    Task<CustomerView> ReverseRefundAsync(CustomerRefund refund);

    /// <summary>
    /// Takes back an order that was recorded here but never stored; idempotent (an order not recorded is left alone).
    /// Only the order's own grain calls this, in its own turn, after finding it does not exist.
    /// </summary>
    Task<CustomerView> ForgetOrderAsync(ForgetCustomerOrder command);

    /// <summary>The customer; tags are evaluated against the clock at read time. A customer never seen has no orders.</summary>
    Task<CustomerView> GetAsync();
}

namespace OrderActors.Grains.Orders;

/// <summary>The payment arrived. A repeat with the same <see cref="PaymentId"/> returns the order unchanged.</summary>
public sealed record ConfirmPayment(string PaymentId, decimal Amount, string Actor);

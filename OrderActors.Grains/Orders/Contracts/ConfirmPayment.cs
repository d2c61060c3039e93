namespace OrderActors.Grains.Orders;

/// <summary>
/// The payment arrived. A repeat with the same <see cref="PaymentId"/> returns the order unchanged. With
/// <see cref="ReopenIfHoldExpired"/> (a marketplace's word that the order is paid) an order this service cancelled because its
/// payment hold ran out is opened again and paid; otherwise such an order refuses the payment.
/// </summary>
public sealed record ConfirmPayment(string PaymentId, decimal Amount, string Actor, bool ReopenIfHoldExpired = false);

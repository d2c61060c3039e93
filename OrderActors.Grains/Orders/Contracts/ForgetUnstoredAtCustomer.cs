namespace OrderActors.Grains.Orders;

/// <summary>
/// Asks an order that may never have been stored to take its recording back from the customer with this (normalised)
/// phone; <paramref name="DuplicateWindow"/> as in <see cref="Customers.ForgetCustomerOrder"/>.
/// </summary>
public sealed record ForgetUnstoredAtCustomer(string Phone, string Reason, string Actor, TimeSpan? DuplicateWindow = null);

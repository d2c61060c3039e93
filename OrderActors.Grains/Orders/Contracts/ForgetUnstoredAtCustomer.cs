namespace OrderActors.Grains.Orders;

/// <summary>Asks an order that may never have been stored to take its recording back from the customer with this (normalised) phone.</summary>
public sealed record ForgetUnstoredAtCustomer(string Phone, string Reason, string Actor);

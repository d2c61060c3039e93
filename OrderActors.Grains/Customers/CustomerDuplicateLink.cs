namespace OrderActors.Grains.Customers;

/// <summary>An order of the customer that is now a suspected duplicate of another (a forgotten order's former duplicates, re-examined).</summary>
public sealed record CustomerDuplicateLink(string OrderId, string DuplicateOfOrderId, string DuplicateOfChannel);

namespace OrderActors.Grains.Customers;

/// <summary>Money given back on <paramref name="OrderId"/>; the spend drops by <paramref name="Amount"/>.</summary>
public sealed record CustomerRefund(string OrderId, string RefundId, decimal Amount, string Reason, string Actor);

namespace OrderActors.Grains.Customers;

/// <summary>Takes back the recording of <paramref name="OrderId"/>, an order that was never stored (see <see cref="ICustomerGrain.ForgetOrderAsync"/>).</summary>
public sealed record ForgetCustomerOrder(string OrderId, string Reason, string Actor);

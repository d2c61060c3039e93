namespace OrderActors.Grains.Customers;

/// <summary>
/// Takes back the recording of <paramref name="OrderId"/>, an order that was never stored (see
/// <see cref="ICustomerGrain.ForgetOrderAsync"/>). <paramref name="DuplicateWindow"/>: the rules' suspected-duplicate
/// window, for the orders that were held as its duplicates and are looked at again (default 24 h).
/// </summary>
public sealed record ForgetCustomerOrder(string OrderId, string Reason, string Actor, TimeSpan? DuplicateWindow = null);

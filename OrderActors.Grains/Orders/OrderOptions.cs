namespace OrderActors.Grains.Orders;

/// <summary>Order settings, bound from <c>OrderActors:Orders</c>; code defaults below.</summary>
public sealed class OrderOptions
{
    public const string SectionName = "OrderActors:Orders";

    /// <summary>How long an unpaid order holds its stock before it is cancelled.</summary>
    public TimeSpan PaymentHold { get; set; } = TimeSpan.FromMinutes(30);
}

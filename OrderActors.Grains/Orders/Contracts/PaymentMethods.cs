namespace OrderActors.Grains.Orders;

/// <summary>Known payment methods.</summary>
public static class PaymentMethods
{
    public const string Online = "online";
    public const string CashOnDelivery = "cash-on-delivery";
}
